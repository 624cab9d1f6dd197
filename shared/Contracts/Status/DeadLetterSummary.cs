namespace Orchestrator.Contracts.Status;

/// <summary>
/// One message of the dead-letter queue (<c>GET /dead-letters</c>), read from what EventBridge or FC put there:
/// <see cref="Id"/> is its MNS message id in the dead-letter queue (what a replay names); <see cref="Queue"/> the
/// queue it was taken from; <see cref="Type"/>, <see cref="JobId"/> and <see cref="MessageId"/> come from the
/// message's wire envelope (joined with ", " when one dead letter holds several messages; null when unreadable);
/// <see cref="Reason"/> is why it failed as far as the dead letter says, or says that it does not.
/// <see cref="Replayable"/> is false when a replay could not know where to send it, and <see cref="ReplayProblem"/>
/// then says why.
/// </summary>
public sealed record DeadLetterSummary(
    string Id,
    string? Queue,
    string? Type,
    string? JobId,
    DateTimeOffset EnqueuedAt,
    string Reason,
    string? MessageId,
    bool Replayable,
    string? ReplayProblem);
