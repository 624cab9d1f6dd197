using MassTransit;
using Microsoft.Extensions.Logging;
using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Messages;

namespace Orchestrator.Messaging.Dispatch;

/// <summary>
/// Runs a command's <see cref="ICommandHandler{TMessage}"/>. A refusal that no retry can change (a rollback to a
/// release that is not kept) is logged and the message completed, so it is not redelivered until dead-lettered;
/// anything retryable fails the invocation and comes back.
/// </summary>
public sealed class CommandConsumer<TMessage>(ICommandHandler<TMessage> handler, ILogger<CommandConsumer<TMessage>> logger) : IConsumer<TMessage>
    where TMessage : class, IMessage
{
    public async Task Consume(ConsumeContext<TMessage> context)
    {
        ArgumentNullException.ThrowIfNull(context);
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
