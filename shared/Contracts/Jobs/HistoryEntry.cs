namespace Orchestrator.Contracts.Jobs;

/// <summary>
/// One accepted transition, as the history API shows it. Every journal entry
/// (<c>jobs/&lt;id&gt;/journal/&lt;seq&gt;.json</c>) carries these fields at its top level, beside its own.
/// </summary>
public sealed record HistoryEntry(long Seq, DateTimeOffset At, string Event, JobState From, JobState To, string? Detail);
