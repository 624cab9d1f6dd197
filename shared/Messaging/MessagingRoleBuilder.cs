using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Contracts.Messages;
using Orchestrator.Messaging.Dispatch;

namespace Orchestrator.Messaging;

/// <summary>
/// Extra message types a function consumes beside its role's own, e.g. Publish's rollback:
/// <c>more => more.Handle&lt;RollbackRequested, RollbackHandler&gt;()</c>.
/// </summary>
public sealed class MessagingRoleBuilder
{
    private readonly IServiceCollection services;
    private readonly List<Type> inbound = [];
    private readonly List<Action<IMediatorRegistrationConfigurator>> consumers = [];

    internal MessagingRoleBuilder(IServiceCollection services) => this.services = services;

    internal IReadOnlyList<Type> Inbound => inbound;

    internal IReadOnlyList<Action<IMediatorRegistrationConfigurator>> Consumers => consumers;

    /// <summary><typeparamref name="TMessage"/> goes to <typeparamref name="THandler"/> (scoped).</summary>
    public MessagingRoleBuilder Handle<TMessage, THandler>()
        where TMessage : class, IMessage
        where THandler : class, IMessageHandler<TMessage>
    {
        services.AddScoped<IMessageHandler<TMessage>, THandler>();
        return Consume<TMessage, HandlerConsumer<TMessage>>();
    }

    internal MessagingRoleBuilder Consume<TMessage, TConsumer>()
        where TMessage : class, IMessage
        where TConsumer : class, IConsumer<TMessage>
    {
        if (inbound.Contains(typeof(TMessage)))
        {
            throw new InvalidOperationException($"{typeof(TMessage).Name} already has a consumer in this function.");
        }

        inbound.Add(typeof(TMessage));
        consumers.Add(cfg => cfg.AddConsumer<TConsumer>());
        return this;
    }
}
