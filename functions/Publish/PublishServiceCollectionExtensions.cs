using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orchestrator.Contracts.Messages;
using Orchestrator.Functions.Publish.Cdn;
using Orchestrator.Functions.Publish.Content;
using Orchestrator.Functions.Publish.Options;
using Orchestrator.Functions.Publish.Publishing;
using Orchestrator.Functions.Publish.Releases;
using Orchestrator.Functions.Publish.Rollback;
using Orchestrator.Functions.Publish.Scanning;
using Orchestrator.Messaging.Dispatch;

namespace Orchestrator.Functions.Publish;

/// <summary>One-line wiring of the Publish stage into a host.</summary>
public static class PublishServiceCollectionExtensions
{
    /// <summary>
    /// Registers the stage (<see cref="IStage{PublishRequested}"/>), the <see cref="RollbackHandler"/> and their parts,
    /// with <see cref="PublishOptions"/> bound from the "Publish" section and validated at start. The host provides
    /// the <see cref="Storage.IObjectStore"/>; an <see cref="ICdnRefresher"/> registered before this call replaces the
    /// default (no CDN).
    /// </summary>
    public static IServiceCollection AddPublishStage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PublishOptions>()
            .Bind(configuration.GetSection(PublishOptions.SectionName))
            .PostConfigure(o =>
            {
                // One bucket by default, named as for every function (CONTRACT.md §2); the site bucket may differ.
                var bucket = configuration["ORCHESTRATOR_BUCKET"] ?? string.Empty;
                o.JobsBucket = o.JobsBucket is { Length: > 0 } jobs ? jobs : bucket;
                o.SiteBucket = o.SiteBucket is { Length: > 0 } site ? site : configuration["ORCHESTRATOR_SITE_BUCKET"] ?? bucket;
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<PublishOptions>>().Value);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ICdnRefresher, NoCdnRefresher>();
        services.TryAddSingleton<CachePolicy>();
        services.TryAddSingleton<OutputScanner>();
        services.TryAddSingleton<ReleaseStore>();
        services.TryAddSingleton<ReleaseActivator>();
        services.TryAddSingleton<SitePublisher>();
        services.TryAddSingleton<StageLogWriter>();
        services.TryAddSingleton<RollbackHandler>();
        services.TryAddSingleton<ICommandHandler<RollbackRequested>, RollbackCommandHandler>();
        services.TryAddSingleton<PublishStage>();
        services.TryAddSingleton<IStage<PublishRequested>>(sp => sp.GetRequiredService<PublishStage>());
        return services;
    }
}
