using System.Globalization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orchestrator.Contracts.Messages;
using Orchestrator.Contracts.Settings;

namespace Orchestrator.Functions.Build;

/// <summary>One-line wiring of the Build stage for the function host.</summary>
public static class BuildServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="BuildStage"/> as <see cref="IStage{BuildRequested}"/> with <see cref="BuildOptions"/> bound
    /// from section <c>Build</c> and validated at start (<see cref="BuildOptions.Validate"/>), and the instance's one <see cref="BuildIdentities"/>. The
    /// host registers <c>IObjectStore</c>.
    /// </summary>
    public static IServiceCollection AddBuildStage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<BuildOptions>(configuration, BuildOptions.SectionName, o =>
        {
            o.Bucket = configuration.JobsBucket(o.Bucket);
            if (o.FunctionTimeoutSeconds == 0 && configuration.FunctionTimeout() is { } functionTimeout)
            {
                o.FunctionTimeoutSeconds = (int)functionTimeout.TotalSeconds;
            }

            if (o.FunctionDiskMegabytes == 0 && int.TryParse(configuration[BuildOptions.FunctionDiskSetting], NumberStyles.None, CultureInfo.InvariantCulture, out var functionDisk))
            {
                o.FunctionDiskMegabytes = functionDisk;
            }
        });
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<BuildIdentities>();
        services.AddScoped<BuildStage>();
        services.AddScoped<IStage<BuildRequested>>(sp => sp.GetRequiredService<BuildStage>());
        return services;
    }
}
