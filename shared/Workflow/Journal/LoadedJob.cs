namespace Orchestrator.Workflow.Journal;

/// <summary>A job's latest journal entry, and whether its head (<c>job.json</c>) is behind it.</summary>
public sealed record LoadedJob(JournalEntry Entry, long HeadSeq)
{
    public bool HeadLags => HeadSeq < Entry.Seq;
}
