using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orchestrator.Contracts.Settings;
using Orchestrator.Workflow.Engine;
using Orchestrator.Workflow.Policy;

namespace Orchestrator.Workflow.DependencyInjection;

/// <summary>Wires the coordinator into a host in one line: <c>services.AddCoordinator(configuration)</c>.</summary>
public static class CoordinatorServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ICoordinator"/> with its options bound from the <c>Coordinator</c> section and validated at
    /// start (a bad setting throws <see cref="InvalidSettingException"/> naming it). Unset, the bucket is
    /// <c>ORCHESTRATOR_BUCKET</c>, the source buckets <c>ORCHESTRATOR_SOURCE_BUCKETS</c> and <c>SweepBudget</c> half the
    /// function's timeout. The host registers <see cref="Storage.IObjectStore"/>, <see cref="Contracts.Messages.IMessageSender"/>
    /// and logging; <see cref="TimeProvider"/> and <see cref="IJitterSource"/> default to the system clock and a random source.
    /// </summary>
    public static IServiceCollection AddCoordinator(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var sweepBudgetSet = configuration.GetSection(CoordinatorOptions.SectionName).GetSection(nameof(CoordinatorOptions.SweepBudget)).Value is not null;
        services.AddSettings<CoordinatorOptions>(configuration, CoordinatorOptions.SectionName, options =>
        {
            options.Bucket = configuration.JobsBucket(options.Bucket);
            options.SourceBuckets = configuration.SourceBuckets(options.SourceBuckets);
            if (!sweepBudgetSet)
            {
                // A sweep must end well inside the invocation that runs it; the next tick continues.
                options.SweepBudget = (configuration.FunctionTimeout() ?? TimeSpan.FromSeconds(SharedSettings.DefaultFunctionTimeoutSeconds)) / 2;
            }
        });
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IJitterSource, RandomJitterSource>();
        services.TryAddSingleton<Coordinator>();
        services.TryAddSingleton<ICoordinator>(provider => provider.GetRequiredService<Coordinator>());
        return services;
    }
}
