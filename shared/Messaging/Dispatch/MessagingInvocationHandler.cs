using System.Runtime.ExceptionServices;
using System.Text.Json;
using MassTransit.Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestrator.Contracts.Errors;
using Orchestrator.Hosting;
using Orchestrator.Messaging.Inbound;
using Orchestrator.Messaging.Wire;

namespace Orchestrator.Messaging.Dispatch;

/// <summary>
/// FC's <c>/invoke</c> for a messaging function: parses the event into messages
/// (<see cref="InvocationEventParser"/>), dispatches each to its MassTransit consumer through the mediator in a scope
/// of its own, and succeeds only if every message was handled. A failure still lets the other messages of the
/// batch run (they are idempotent, and the whole batch comes back anyway), then fails the invocation.
/// </summary>
public sealed class MessagingInvocationHandler(IServiceScopeFactory scopes, InboundTypes inbound, ILogger<MessagingInvocationHandler> logger) : IInvocationHandler
{
    public async Task<InvocationResult> InvokeAsync(ReadOnlyMemory<byte> body, InvocationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var messages = InvocationEventParser.Parse(body, context.RequestId);
        foreach (var message in messages)
        {
            if (!inbound.Accepts(message.GetType()))
            {
                throw new InvalidEventException(
                    "UnexpectedMessageType",
                    $"Function {context.FunctionName} does not handle {message.GetType().Name} (message {message.MessageId}); it handles {string.Join(", ", inbound.Types.Select(t => t.Name))}.");
            }
        }

        Logs.Dispatching(logger, context.RequestId, messages.Count);
        var handled = new List<HandledMessage>(messages.Count);
        var failures = new List<Exception>();
        var replies = new InvocationReplies();
        foreach (var message in messages)
        {
            var type = message.GetType();
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var reply = scope.ServiceProvider.GetRequiredService<InvocationReplies>();
                await scope.ServiceProvider.GetRequiredService<IScopedMediator>().Send(message, type, cancellationToken);
                replies.Add(reply.Job);
                handled.Add(new HandledMessage(message.MessageId, type.Name));
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Logs.DispatchFailed(logger, exception, context.RequestId, type.Name, message.MessageId);
                failures.Add(exception);
            }
        }

        if (failures.Count == 1 && messages.Count == 1)
        {
            ExceptionDispatchInfo.Throw(failures[0]);
        }

        if (failures.Count > 0)
        {
            // Only the project's own exceptions say why in the answer; anything else is in the log (DispatchFailed).
            var first = failures[0];
            var why = first is OrchestratorException known ? $"{known.Code}: {known.Message}" : "UnexpectedError (see the function log)";
            throw new OrchestratorException(
                "BatchFailed",
                $"{failures.Count} of {messages.Count} messages failed; the first with {why}",
                retryable: true,
                first);
        }

        var answer = new InvocationAnswer(handled.Count, handled, replies.Job);
        return new InvocationResult(JsonSerializer.SerializeToUtf8Bytes(answer, MessagingJsonContext.Default.InvocationAnswer));
    }
}
