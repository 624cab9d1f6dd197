namespace Orchestrator.Contracts.Status;

/// <summary>
/// Answer of an accepted rollback: the command was handed to the coordinator under <see cref="MessageId"/>;
/// <see cref="To"/> null means the release before the current one.
/// </summary>
public sealed record RollbackAccepted(string Site, string? To, string MessageId);
