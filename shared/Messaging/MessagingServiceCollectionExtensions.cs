using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Hosting;
using Orchestrator.Messaging.Dispatch;
using Orchestrator.Messaging.Mns;
using Orchestrator.Messaging.Outbound;

namespace Orchestrator.Messaging;

/// <summary>
/// Wires a function's messaging role in one line: <c>services.AddStageFunction&lt;FetchRequested, FetchStage&gt;(configuration)</c>
/// or <c>services.AddCoordinatorFunction(configuration, (sp, m, ct) => sp.GetRequiredService&lt;ICoordinator&gt;().HandleAsync(m, ct))</c>.
/// Registers the <see cref="IInvocationHandler"/>, the MNS <see cref="IMessageSender"/> (options from section
/// <c>Mns</c>), the mediator with the role's consumers, and <see cref="MessagingWarmer"/> for <c>/initialize</c>.
/// One role per function.
/// </summary>
public static class MessagingServiceCollectionExtensions
{
    /// <summary>The messages the coordinator consumes.</summary>
    public static IReadOnlyList<Type> CoordinatorMessageTypes { get; } =
    [
        typeof(ObjectCreated),
        typeof(StageSucceeded),
        typeof(StageFailed),
        typeof(SweepDue),
        typeof(RetryJob),
        typeof(CancelJob),
        typeof(RollbackRequested),
        typeof(JobStatusRequested),
    ];

    /// <summary>A stage function consuming <typeparamref name="TRequest"/> with <typeparamref name="TStage"/> (scoped).</summary>
    public static IServiceCollection AddStageFunction<TRequest, TStage>(this IServiceCollection services, IConfiguration configuration)
        where TRequest : class, IStageMessage
        where TStage : class, IStage<TRequest>
    {
        services.AddScoped<IStage<TRequest>, TStage>();
        return services.AddStageFunction<TRequest>(configuration);
    }

    /// <summary>A stage function consuming <typeparamref name="TRequest"/>; register <see cref="IStage{TRequest}"/> yourself.</summary>
    public static IServiceCollection AddStageFunction<TRequest>(this IServiceCollection services, IConfiguration configuration)
        where TRequest : class, IStageMessage
    {
        services.AddMessagingCore(configuration, [typeof(TRequest)]);
        return services.AddMediator(cfg =>
        {
            cfg.AddConsumer<WarmUpConsumer>();
            cfg.AddConsumer<StageConsumer<TRequest>>();
        });
    }

    /// <summary>
    /// A stage function that also takes the command <typeparamref name="TCommand"/> (Publish: rollback);
    /// register <see cref="IStage{TRequest}"/> and <see cref="ICommandHandler{TCommand}"/> yourself.
    /// </summary>
    public static IServiceCollection AddStageFunctionWithCommand<TRequest, TCommand>(this IServiceCollection services, IConfiguration configuration)
        where TRequest : class, IStageMessage
        where TCommand : class, IMessage
    {
        services.AddMessagingCore(configuration, [typeof(TRequest), typeof(TCommand)]);
        return services.AddMediator(cfg =>
        {
            cfg.AddConsumer<WarmUpConsumer>();
            cfg.AddConsumer<StageConsumer<TRequest>>();
            cfg.AddConsumer<CommandConsumer<TCommand>>();
        });
    }

    /// <summary>The coordinator function: every coordinator message goes to <typeparamref name="THandler"/> (scoped).</summary>
    public static IServiceCollection AddCoordinatorFunction<THandler>(this IServiceCollection services, IConfiguration configuration)
        where THandler : class, IMessageHandler
    {
        services.AddScoped<IMessageHandler, THandler>();
        return services.AddCoordinatorConsumers(configuration);
    }

    /// <summary>The coordinator function: every coordinator message goes to <paramref name="handle"/>.</summary>
    public static IServiceCollection AddCoordinatorFunction(
        this IServiceCollection services,
        IConfiguration configuration,
        Func<IServiceProvider, IMessage, CancellationToken, Task<JobDocument?>> handle)
    {
        services.AddScoped<IMessageHandler>(sp => new DelegateMessageHandler(sp, handle));
        return services.AddCoordinatorConsumers(configuration);
    }

    private static IServiceCollection AddCoordinatorConsumers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMessagingCore(configuration, CoordinatorMessageTypes);
        return services.AddMediator(cfg =>
        {
            cfg.AddConsumer<WarmUpConsumer>();
            cfg.AddConsumer<CoordinatorConsumer<ObjectCreated>>();
            cfg.AddConsumer<CoordinatorConsumer<StageSucceeded>>();
            cfg.AddConsumer<CoordinatorConsumer<StageFailed>>();
            cfg.AddConsumer<CoordinatorConsumer<SweepDue>>();
            cfg.AddConsumer<CoordinatorConsumer<RetryJob>>();
            cfg.AddConsumer<CoordinatorConsumer<CancelJob>>();
            cfg.AddConsumer<CoordinatorConsumer<RollbackRequested>>();
            cfg.AddConsumer<CoordinatorConsumer<JobStatusRequested>>();
        });
    }

    private static void AddMessagingCore(this IServiceCollection services, IConfiguration configuration, IReadOnlyCollection<Type> inbound)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(InboundTypes)))
        {
            throw new InvalidOperationException("A function has one messaging role: AddStageFunction or AddCoordinatorFunction was already called.");
        }

        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<MessagingOptions>().Bind(configuration.GetSection(MessagingOptions.Section));
        services.TryAddSingleton<ICredentialsProvider, InvocationCredentialsProvider>();
        services.TryAddSingleton(sp => new MnsClient(
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(60) },
            sp.GetRequiredService<IOptions<MessagingOptions>>().Value.Validate(),
            sp.GetRequiredService<ICredentialsProvider>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<MnsClient>>()));
        services.TryAddSingleton<IMessageSender, MnsMessageSender>();
        services.AddSingleton(new InboundTypes(inbound));
        services.AddScoped<InvocationReplies>();
        services.AddSingleton<IInvocationHandler, MessagingInvocationHandler>();
        services.AddSingleton<MessagingWarmer>();
    }
}
