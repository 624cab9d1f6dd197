using Orchestrator.Contracts.Errors;
using Orchestrator.Workflow.Journal;

namespace Orchestrator.Workflow.Machine;

/// <summary>
/// One event's decision on one job: the job (changed in place by the machine), the facts the coordinator read for it
/// (the time, the site's newest published sequence), and what the event did — the history line it records, the
/// commands it emits, or its refusal. Nothing here is persisted except through the journal entry made from it.
/// </summary>
public sealed class JobDecision(JobInstance job, DateTimeOffset now, long newestPublishedSiteSequence)
{
    public JobInstance Job { get; } = job;

    /// <summary>The time the coordinator handles the event at (the machine never reads a clock).</summary>
    public DateTimeOffset Now { get; } = now;

    /// <summary>The newest site sequence already published for the job's site (read before a Build result or a retry; else 0).</summary>
    public long NewestPublishedSiteSequence { get; } = newestPublishedSiteSequence;

    /// <summary>The history event of this decision; null when the event changed nothing.</summary>
    public string? RecordedEvent { get; private set; }

    public string? RecordedDetail { get; private set; }

    /// <summary>The commands the event emits, sent only after its journal entry commits.</summary>
    public List<OutboxCommand> Outbox { get; } = [];

    /// <summary>Why the event was refused (a forged result, an operator command the job cannot take); null otherwise.</summary>
    public OrchestratorException? Refusal { get; private set; }

    /// <summary>Names what the event did, for the journal entry; the last call wins (a completion followed by a cancel is a cancel).</summary>
    public void Record(string eventName, string detail)
    {
        RecordedEvent = eventName;
        RecordedDetail = detail;
    }

    public void Refuse(string code, string message) => Refusal = new OrchestratorException(code, message, retryable: false);
}
