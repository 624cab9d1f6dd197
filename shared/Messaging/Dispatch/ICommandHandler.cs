using Orchestrator.Contracts.Messages;

namespace Orchestrator.Messaging.Dispatch;

/// <summary>
/// Handles a command a stage function takes beside its stage request (Publish: <see cref="RollbackRequested"/>).
/// Commands report to no one: their effect is visible in the store.
/// </summary>
public interface ICommandHandler<in TMessage>
    where TMessage : IMessage
{
    Task HandleAsync(TMessage message, CancellationToken cancellationToken);
}
