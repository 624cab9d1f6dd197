using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Contracts.Security;
using Orchestrator.Contracts.Settings;
using Orchestrator.Hosting;
using Orchestrator.Messaging.DeadLetters;
using Orchestrator.Messaging.Dispatch;
using Orchestrator.Messaging.Mns;
using Orchestrator.Messaging.Outbound;
using Orchestrator.Messaging.Results;
using Orchestrator.Storage.Results;
using Orchestrator.Storage;

namespace Orchestrator.Messaging;

/// <summary>
/// Wires a function's messaging role in one line: <c>services.AddStageFunction&lt;FetchRequested, FetchStage&gt;(configuration)</c>
/// or <c>services.AddCoordinatorFunction(configuration, (sp, m, ct) => sp.GetRequiredService&lt;ICoordinator&gt;().HandleAsync(m, ct))</c>.
/// Registers the <see cref="IInvocationHandler"/>, the MNS <see cref="IMessageSender"/> (options from section
/// <c>Mns</c>), the mediator with the role's consumers, and the <c>/initialize</c> warm-up
/// (<see cref="MessagingWarmUp"/>); for a stage its <see cref="StageResultStore"/> (over the host's
/// <see cref="IObjectStore"/>, in <see cref="StageResultSettings.Bucket"/>), for the coordinator the
/// <see cref="DeadLetterQueue"/>. One role per function; extra message types through <see cref="MessagingRoleBuilder"/>.
/// </summary>
public static class MessagingServiceCollectionExtensions
{
    /// <summary>A stage function consuming <typeparamref name="TRequest"/> with <typeparamref name="TStage"/> (scoped).</summary>
    public static IServiceCollection AddStageFunction<TRequest, TStage>(
        this IServiceCollection services,
        IConfiguration configuration,
        Action<MessagingRoleBuilder>? more = null)
        where TRequest : class, IStageMessage
        where TStage : class, IStage<TRequest>
    {
        services.AddScoped<IStage<TRequest>, TStage>();
        return services.AddStageFunction<TRequest>(configuration, more);
    }

    /// <summary>A stage function consuming <typeparamref name="TRequest"/>; register <see cref="IStage{TRequest}"/> yourself.</summary>
    public static IServiceCollection AddStageFunction<TRequest>(
        this IServiceCollection services,
        IConfiguration configuration,
        Action<MessagingRoleBuilder>? more = null)
        where TRequest : class, IStageMessage
    {
        var role = new MessagingRoleBuilder(services).Consume<TRequest, StageConsumer<TRequest>>();
        more?.Invoke(role);
        services.AddRole(configuration, role);
        // Results before reports: where a stage stores its outcome, the coordinator's bucket. The host registers IObjectStore.
        services.AddSettings<StageResultSettings>(configuration, StageResultSettings.SectionName, settings => settings.Bucket = configuration.JobsBucket(settings.Bucket));
        services.TryAddSingleton(sp => new StageResultStore(sp.GetRequiredService<IObjectStore>(), sp.GetRequiredService<StageResultSettings>().Bucket));
        return services;
    }

    /// <summary>The coordinator function: every coordinator message goes to <paramref name="handle"/>.</summary>
    public static IServiceCollection AddCoordinatorFunction(
        this IServiceCollection services,
        IConfiguration configuration,
        Func<IServiceProvider, IMessage, CancellationToken, Task<JobDocument?>> handle)
    {
        services.AddScoped<IMessageHandler>(sp => new DelegateMessageHandler(sp, handle));
        return services.AddCoordinatorConsumers(configuration).AddDeadLetterQueue(configuration);
    }

    /// <summary>
    /// The <see cref="DeadLetterQueue"/> (and the MNS client it reads with), for the coordinator's status API; also
    /// usable alone. Its queue is <c>Mns:Queues:DeadLetter</c>.
    /// </summary>
    public static IServiceCollection AddDeadLetterQueue(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMnsClient(configuration);
        services.TryAddSingleton<DeadLetterQueue>();
        return services;
    }

    /// <summary>The coordinator's messages: from its queue, its OSS and timer triggers, and the console.</summary>
    private static IServiceCollection AddCoordinatorConsumers(this IServiceCollection services, IConfiguration configuration)
    {
        var role = new MessagingRoleBuilder(services)
            .Consume<ObjectCreated, CoordinatorConsumer<ObjectCreated>>()
            .Consume<StageSucceeded, CoordinatorConsumer<StageSucceeded>>()
            .Consume<StageFailed, CoordinatorConsumer<StageFailed>>()
            .Consume<StageDeadlineDue, CoordinatorConsumer<StageDeadlineDue>>()
            .Consume<RetryDue, CoordinatorConsumer<RetryDue>>()
            .Consume<SweepDue, CoordinatorConsumer<SweepDue>>()
            .Consume<RetryJob, CoordinatorConsumer<RetryJob>>()
            .Consume<CancelJob, CoordinatorConsumer<CancelJob>>()
            .Consume<RollbackRequested, CoordinatorConsumer<RollbackRequested>>()
            .Consume<JobStatusRequested, CoordinatorConsumer<JobStatusRequested>>();
        return services.AddRole(configuration, role);
    }

    private static IServiceCollection AddRole(this IServiceCollection services, IConfiguration configuration, MessagingRoleBuilder role)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(InboundTypes)))
        {
            throw new InvalidOperationException("A function has one messaging role: AddStageFunction or AddCoordinatorFunction was already called.");
        }

        services.AddMnsClient(configuration);
        services.TryAddSingleton<IMessageSender, MnsMessageSender>();
        services.AddSingleton(new InboundTypes(role.Inbound));
        services.AddScoped<InvocationReplies>();
        services.AddSingleton<IInvocationHandler, MessagingInvocationHandler>();
        services.AddSingleton<IFunctionInitializer, MessagingWarmUp>();
        return services.AddMediator(cfg =>
        {
            foreach (var add in role.Consumers)
            {
                add(cfg);
            }
        });
    }

    // Whichever of the role and the dead-letter queue asks first registers it; the options are bound once.
    private static void AddMnsClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        if (!services.Any(d => d.ServiceType == typeof(MessagingOptions)))
        {
            services.AddSettings<MessagingOptions>(configuration, MessagingOptions.SectionName, options => options.ApplyDefaults(configuration));
        }

        // Inside a function host the host's own provider (the invocation's credentials) is registered and wins;
        // without one (a tool) the environment's.
        services.TryAddSingleton<ICredentialsProvider>(sp => sp.GetService<ICloudCredentialsSource>() ?? (ICredentialsProvider)new EnvironmentCredentialsProvider());
        services.TryAddSingleton(sp => new MnsClient(
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(60) },
            sp.GetRequiredService<MessagingOptions>().EndpointUri,
            sp.GetRequiredService<ICredentialsProvider>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<MnsClient>>()));
    }
}
