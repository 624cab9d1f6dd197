using Microsoft.Extensions.DependencyInjection.Extensions;
using Orchestrator.Contracts.Messages;
using Orchestrator.Contracts.Security;
using Orchestrator.Contracts.Settings;
using Orchestrator.Functions.Publish.Cdn;
using Orchestrator.Functions.Publish.Content;
using Orchestrator.Functions.Publish.Options;
using Orchestrator.Functions.Publish.Publishing;
using Orchestrator.Functions.Publish.Releases;
using Orchestrator.Functions.Publish.Rollback;
using Orchestrator.Functions.Publish.Scanning;

namespace Orchestrator.Functions.Publish;

/// <summary>One-line wiring of the Publish stage into a host.</summary>
public static class PublishServiceCollectionExtensions
{
    /// <summary>
    /// Registers the stage (<see cref="IStage{PublishRequested}"/>), the <see cref="RollbackHandler"/> and their parts,
    /// with <see cref="PublishOptions"/> bound from the "Publish" section and validated at start. The host provides
    /// the <see cref="Storage.IObjectStore"/>. CDN: Alibaba Cloud CDN when <c>Publish:Cdn:SiteUrlTemplate</c> is set
    /// (credentials from a registered <see cref="ICredentialsProvider"/>, else the environment), otherwise none; an
    /// <see cref="ICdnRefresher"/> registered before this call wins.
    /// </summary>
    public static IServiceCollection AddPublishStage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<PublishOptions>(configuration, PublishOptions.SectionName, o =>
        {
            // The same bucket settings every function reads, when the Publish section does not name them.
            o.JobsBucket = configuration.JobsBucket(o.JobsBucket);
            if (string.IsNullOrWhiteSpace(o.SiteBucket))
            {
                o.SiteBucket = configuration[SettingNames.SiteBucket] is { Length: > 0 } site ? site.Trim() : o.JobsBucket;
            }
        });
        services.TryAddSingleton(TimeProvider.System);
        AddCdn(services, configuration);
        services.TryAddSingleton<CachePolicy>();
        services.TryAddSingleton<OutputScanner>();
        services.TryAddSingleton<ReleaseStore>();
        services.TryAddSingleton<ReleaseActivator>();
        services.TryAddSingleton<SiteLeases>();
        services.TryAddSingleton<SitePublisher>();
        services.TryAddSingleton<StageLogWriter>();
        services.TryAddSingleton<RollbackHandler>();
        services.TryAddSingleton<PublishStage>();
        services.TryAddSingleton<IStage<PublishRequested>>(sp => sp.GetRequiredService<PublishStage>());
        return services;
    }

    /// <summary>Alibaba Cloud CDN when <c>Publish:Cdn:SiteUrlTemplate</c> is set, else no CDN; a refresher registered earlier wins.</summary>
    private static void AddCdn(IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(AlibabaCdnOptions.SectionName);
        if (section.Get<AlibabaCdnOptions>() is { IsConfigured: true })
        {
            services.AddSettings<AlibabaCdnOptions>(configuration, AlibabaCdnOptions.SectionName);
            services.TryAddSingleton<ICredentialsProvider, EnvironmentCredentialsProvider>();
            services.TryAddSingleton<ICdnRefresher>(sp => new AlibabaCdnRefresher(
                new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(30) },
                sp.GetRequiredService<AlibabaCdnOptions>(),
                sp.GetRequiredService<ICredentialsProvider>(),
                sp.GetRequiredService<TimeProvider>()));
        }

        services.TryAddSingleton<ICdnRefresher, NoCdnRefresher>();
    }
}
