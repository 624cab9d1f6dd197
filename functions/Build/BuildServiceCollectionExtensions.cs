using System.Globalization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orchestrator.Contracts.Messages;
using Orchestrator.Hosting.Options;

namespace Orchestrator.Functions.Build;

/// <summary>One-line wiring of the Build stage for the function host.</summary>
public static class BuildServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="BuildStage"/> as <see cref="IStage{BuildRequested}"/> with <see cref="BuildOptions"/> bound
    /// from section <c>Build</c> and validated at start, and the instance's one <see cref="BuildIdentities"/>. The
    /// host registers <c>IObjectStore</c>.
    /// </summary>
    public static IServiceCollection AddBuildStage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BuildOptions>()
            .Bind(configuration.GetSection(BuildOptions.Section))
            .PostConfigure(o =>
            {
                if (string.IsNullOrWhiteSpace(o.Bucket))
                {
                    o.Bucket = configuration[SettingNames.Bucket] ?? string.Empty;
                }

                if (o.FunctionTimeoutSeconds == 0 && int.TryParse(configuration[SettingNames.FunctionTimeoutSeconds], NumberStyles.None, CultureInfo.InvariantCulture, out var functionTimeout))
                {
                    o.FunctionTimeoutSeconds = functionTimeout;
                }

                if (o.FunctionDiskMegabytes == 0 && int.TryParse(configuration[BuildOptions.FunctionDiskSetting], NumberStyles.None, CultureInfo.InvariantCulture, out var functionDisk))
                {
                    o.FunctionDiskMegabytes = functionDisk;
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<BuildOptions>, BuildOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<BuildIdentities>();
        services.AddScoped<BuildStage>();
        services.AddScoped<IStage<BuildRequested>>(sp => sp.GetRequiredService<BuildStage>());
        return services;
    }
}
