namespace Orchestrator.Messaging.DeadLetters;

/// <summary>
/// One queue message inside a dead letter: the queue it was taken from (<see cref="Queue"/>, null when the dead
/// letter does not say), its MNS body as it was sent (<see cref="Body"/>, what a replay sends again; null when the
/// event carried none), and what its wire envelope says (<see cref="Type"/>, <see cref="JobId"/>,
/// <see cref="MessageId"/>; null when it is not a readable envelope, then <see cref="Problem"/> says why).
/// </summary>
public sealed record DeadMessage(string? Queue, string? Body, string? Type, string? JobId, string? MessageId, string? Problem);
