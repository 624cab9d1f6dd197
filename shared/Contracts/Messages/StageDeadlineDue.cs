using Orchestrator.Contracts.Jobs;

namespace Orchestrator.Contracts.Messages;

/// <summary>
/// Coordinator → itself (delayed): <see cref="Attempt"/> of <see cref="Stage"/> should have reported by now.
/// If it is still the current, running attempt, it has timed out; otherwise the timer is stale and ignored.
/// </summary>
public sealed record StageDeadlineDue(string MessageId, string JobId, StageName Stage, int Attempt) : IStageMessage;
