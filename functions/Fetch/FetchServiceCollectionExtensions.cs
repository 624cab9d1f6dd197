using Microsoft.Extensions.Options;
using Orchestrator.Contracts.Messages;
using Orchestrator.Hosting.Options;

namespace Orchestrator.Functions.Fetch;

/// <summary>One-line wiring of the Fetch stage for the function host.</summary>
public static class FetchServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="FetchStage"/> as <see cref="IStage{FetchRequested}"/> with <see cref="FetchOptions"/> bound
    /// from section <c>Fetch</c> and validated at start. The host registers <c>IObjectStore</c>.
    /// </summary>
    public static IServiceCollection AddFetchStage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FetchOptions>()
            .Bind(configuration.GetSection(FetchOptions.Section))
            .PostConfigure(o =>
            {
                if (string.IsNullOrWhiteSpace(o.Bucket))
                {
                    o.Bucket = configuration[SettingNames.Bucket] ?? string.Empty;
                }

                if (o.SourceBuckets.Count == 0 && configuration[SettingNames.SourceBuckets] is { } listed)
                {
                    o.SourceBuckets = [.. listed.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<FetchOptions>, FetchOptionsValidator>();
        services.AddScoped<FetchStage>();
        services.AddScoped<IStage<FetchRequested>>(sp => sp.GetRequiredService<FetchStage>());
        return services;
    }
}
