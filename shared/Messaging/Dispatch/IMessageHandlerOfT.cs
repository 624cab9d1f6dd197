using Orchestrator.Contracts.Messages;

namespace Orchestrator.Messaging.Dispatch;

/// <summary>
/// A function's handler for one more message type beside its stage request (e.g. Publish's
/// <see cref="RollbackRequested"/>). Throw to fail the invocation so the message is redelivered.
/// </summary>
public interface IMessageHandler<in TMessage>
    where TMessage : class, IMessage
{
    Task HandleAsync(TMessage message, CancellationToken cancellationToken);
}
