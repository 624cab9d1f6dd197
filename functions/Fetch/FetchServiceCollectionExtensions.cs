using Orchestrator.Contracts.Messages;
using Orchestrator.Contracts.Settings;

namespace Orchestrator.Functions.Fetch;

/// <summary>One-line wiring of the Fetch stage for the function host.</summary>
public static class FetchServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="FetchStage"/> as <see cref="IStage{FetchRequested}"/> with <see cref="FetchOptions"/> bound
    /// from section <c>Fetch</c> and validated at start (<see cref="FetchOptions.Validate"/>). The host registers <c>IObjectStore</c>.
    /// </summary>
    public static IServiceCollection AddFetchStage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<FetchOptions>(configuration, FetchOptions.SectionName, o =>
        {
            o.Bucket = configuration.JobsBucket(o.Bucket);
            o.SourceBuckets = configuration.SourceBuckets(o.SourceBuckets);
        });
        services.AddScoped<FetchStage>();
        services.AddScoped<IStage<FetchRequested>>(sp => sp.GetRequiredService<FetchStage>());
        return services;
    }
}
