using MassTransit;
using Microsoft.Extensions.Logging;
using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Messages;

namespace Orchestrator.Messaging.Dispatch;

/// <summary>
/// The consumer for an extra message type: hands the message to its <see cref="IMessageHandler{TMessage}"/>.
/// A refusal no retry can change (a rollback to a release that is not kept) is logged and the message completed,
/// rather than redelivered until it is dead-lettered; anything retryable fails the invocation and comes back.
/// </summary>
public sealed class HandlerConsumer<TMessage>(IMessageHandler<TMessage> handler, ILogger<HandlerConsumer<TMessage>> logger) : IConsumer<TMessage>
    where TMessage : class, IMessage
{
    public async Task Consume(ConsumeContext<TMessage> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (WarmUp.IsWarmUp(context))
        {
            return;
        }

        try
        {
            await handler.HandleAsync(context.Message, context.CancellationToken);
        }
        catch (OrchestratorException exception) when (!exception.Retryable)
        {
            Logs.CommandRefused(logger, typeof(TMessage).Name, context.Message.MessageId, exception.Code, exception.Message);
        }
    }
}
