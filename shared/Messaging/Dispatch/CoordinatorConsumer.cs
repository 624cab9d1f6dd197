using MassTransit;
using Orchestrator.Contracts.Messages;

namespace Orchestrator.Messaging.Dispatch;

/// <summary>The coordinator's consumer for one message type: hands the message to the <see cref="IMessageHandler"/>.</summary>
public sealed class CoordinatorConsumer<TMessage>(IMessageHandler handler, InvocationReplies replies) : IConsumer<TMessage>
    where TMessage : class, IMessage
{
    public async Task Consume(ConsumeContext<TMessage> context)
    {
        if (WarmUp.IsWarmUp(context))
        {
            return;
        }

        replies.Add(await handler.HandleAsync(context.Message, context.CancellationToken));
    }
}
