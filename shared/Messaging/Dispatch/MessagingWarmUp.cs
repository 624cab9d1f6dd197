using System.Text;
using MassTransit;
using MassTransit.Mediator;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Contracts.Messages;
using Orchestrator.Hosting;
using Orchestrator.Messaging.Inbound;
using Orchestrator.Messaging.Wire;

namespace Orchestrator.Messaging.Dispatch;

/// <summary>
/// FC's <c>/initialize</c> for a messaging function: builds the sender (which validates the MNS settings, so a bad
/// setting fails the start naming it), then runs one <see cref="WarmUp"/> dispatch per consumed message type.
/// </summary>
public sealed class MessagingWarmUp(IServiceScopeFactory scopes, InboundTypes inbound) : IFunctionInitializer
{
    public async Task InitializeAsync(InvocationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IMessageSender>();
        var mediator = scope.ServiceProvider.GetRequiredService<IScopedMediator>();
        var marked = Pipe.Execute<SendContext>(send => send.Headers.Set(WarmUp.Header, "1"));
        foreach (var type in inbound.Types)
        {
            var json = EnvelopeSerializer.Serialize(WarmUp.Sample(type));
            var message = InvocationEventParser.Parse(Encoding.UTF8.GetBytes(json), context.RequestId)[0];
            await mediator.Send(message, type, marked, cancellationToken);
        }
    }
}
