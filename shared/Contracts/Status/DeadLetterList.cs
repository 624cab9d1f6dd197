namespace Orchestrator.Contracts.Status;

/// <summary>
/// The head of the dead-letter queue, oldest first, as MNS lets one look without taking (at most 16 messages).
/// <see cref="More"/> is true when the look was full: more may wait behind them.
/// </summary>
public sealed record DeadLetterList(IReadOnlyList<DeadLetterSummary> Messages, bool More);
