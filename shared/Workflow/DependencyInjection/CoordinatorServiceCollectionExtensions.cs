using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orchestrator.Hosting.Options;
using Orchestrator.Workflow.Engine;
using Orchestrator.Workflow.Policy;

namespace Orchestrator.Workflow.DependencyInjection;

/// <summary>Wires the coordinator into a host in one line: <c>services.AddCoordinator(configuration)</c>.</summary>
public static class CoordinatorServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ICoordinator"/> with its options bound from the <c>Coordinator</c> section (validated now:
    /// a bad setting fails the start, naming the setting; <c>SweepBudget</c>, unset, is half the function's timeout).
    /// The host registers <see cref="Storage.IObjectStore"/>, <see cref="Contracts.Messages.IMessageSender"/> and logging;
    /// <see cref="TimeProvider"/> and <see cref="IJitterSource"/> default to the system clock and a random source.
    /// </summary>
    public static IServiceCollection AddCoordinator(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new CoordinatorOptions();
        configuration.GetSection(CoordinatorOptions.SectionName).Bind(options);
        if (string.IsNullOrWhiteSpace(options.Bucket))
        {
            options.Bucket = configuration[SettingNames.Bucket] ?? "";
        }

        if (options.SourceBuckets.Count == 0 && configuration[SettingNames.SourceBuckets] is { } listed)
        {
            options.SourceBuckets = [.. listed.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
        }

        if (configuration.GetSection(CoordinatorOptions.SectionName).GetSection(nameof(CoordinatorOptions.SweepBudget)).Value is null)
        {
            // A sweep must end well inside the invocation that runs it; the next tick continues.
            options.SweepBudget = FunctionHostOptionsReader.Read(configuration).FunctionTimeout / 2;
        }

        CoordinatorOptionsValidator.Validate(options);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IJitterSource, RandomJitterSource>();
        services.TryAddSingleton<Coordinator>();
        services.TryAddSingleton<ICoordinator>(provider => provider.GetRequiredService<Coordinator>());
        return services;
    }
}
