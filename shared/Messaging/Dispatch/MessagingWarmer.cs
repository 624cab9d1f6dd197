using MassTransit.Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Orchestrator.Messaging.Dispatch;

/// <summary>
/// What FC's <c>/initialize</c> should run for a messaging function: builds the sender (which validates the MNS
/// settings: a bad setting fails the start, naming it), and sends one <see cref="WarmUp"/> through the mediator.
/// </summary>
public sealed class MessagingWarmer(IServiceScopeFactory scopes)
{
    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IMessageSender>();
        await scope.ServiceProvider.GetRequiredService<IScopedMediator>().Send(new WarmUp(Guid.NewGuid()), cancellationToken);
    }
}
