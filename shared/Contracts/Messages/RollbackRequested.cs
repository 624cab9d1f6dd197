namespace Orchestrator.Contracts.Messages;

/// <summary>
/// Operator → Publish (through the coordinator): put a kept release of <see cref="Site"/> live again without a
/// rebuild; <see cref="ToJobId"/> null means the release before the current one.
/// </summary>
public sealed record RollbackRequested(string MessageId, string Site, string? ToJobId) : IMessage;
