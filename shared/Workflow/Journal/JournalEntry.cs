using Orchestrator.Contracts.Jobs;
using Orchestrator.Workflow.Machine;

namespace Orchestrator.Workflow.Journal;

/// <summary>
/// One accepted transition: <c>jobs/&lt;id&gt;/journal/&lt;seq:D8&gt;.json</c>, written once with forbid-overwrite.
/// Carries the <see cref="HistoryEntry"/> fields at its top level (what the history API shows), the message that
/// caused it, the job's full state after it, and the outbox of commands it emits.
/// </summary>
public sealed record JournalEntry
{
    public required long Seq { get; init; }

    public required DateTimeOffset At { get; init; }

    public required string Event { get; init; }

    public required JobState From { get; init; }

    public required JobState To { get; init; }

    public string? Detail { get; init; }

    public required string MessageId { get; init; }

    public required JobInstance State { get; init; }

    public required IReadOnlyList<OutboxCommand> Outbox { get; init; }

    public HistoryEntry ToHistory() => new(Seq, At, Event, From, To, Detail);
}
