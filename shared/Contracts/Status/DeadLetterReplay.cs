namespace Orchestrator.Contracts.Status;

/// <summary>
/// Answer of a replay: the dead letters re-sent to their queues (and gone from the dead-letter queue), those left
/// where they are because they could not be (<see cref="DeadLetterSummary.Replayable"/> false), and whether more
/// were waiting when this call stopped (<c>POST /dead-letters/replay</c> handles a bounded number per call).
/// </summary>
public sealed record DeadLetterReplay(IReadOnlyList<DeadLetterSummary> Replayed, IReadOnlyList<DeadLetterSummary> Skipped, bool More);
