using MassTransit;
using Orchestrator.Contracts.Messages;

namespace Orchestrator.Messaging.Dispatch;

/// <summary>The consumer for an extra message type: hands the message to its <see cref="IMessageHandler{TMessage}"/>.</summary>
public sealed class HandlerConsumer<TMessage>(IMessageHandler<TMessage> handler) : IConsumer<TMessage>
    where TMessage : class, IMessage
{
    public Task Consume(ConsumeContext<TMessage> context) =>
        WarmUp.IsWarmUp(context) ? Task.CompletedTask : handler.HandleAsync(context.Message, context.CancellationToken);
}
