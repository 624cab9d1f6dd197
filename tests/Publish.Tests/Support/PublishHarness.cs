using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Functions.Publish.Publishing;
using Orchestrator.Functions.Publish.Releases;
using Orchestrator.Functions.Publish.Rollback;
using Orchestrator.Storage;
using Orchestrator.TestSupport;

namespace Orchestrator.Functions.Publish.Tests.Support;

/// <summary>
/// The Publish stage wired as a host would wire it, over its own local OSS server (real HTTP, real signing) with a
/// jobs bucket and a separate site bucket.
/// </summary>
public sealed class PublishHarness : IAsyncDisposable
{
    public const string JobsBucket = "jobs-bucket";
    public const string SiteBucket = "site-bucket";

    private readonly ServiceProvider _services;

    private PublishHarness(LocalOss oss, IReadOnlyDictionary<string, string?>? settings, Action<IServiceCollection>? configure)
    {
        Oss = oss;
        Store = oss.Store;
        var values = new Dictionary<string, string?>
        {
            ["Publish:JobsBucket"] = JobsBucket,
            ["Publish:SiteBucket"] = SiteBucket,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton(Store);
        configure?.Invoke(services);
        _services = services
            .AddPublishStage(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public LocalOss Oss { get; }

    public IObjectStore Store { get; }

    /// <param name="settings">Configuration keys ("Publish:…") over the defaults.</param>
    /// <param name="configure">Registrations made before <c>AddPublishStage</c>, as a host would make them.</param>
    /// <param name="cancellationToken">Bounds the server's start.</param>
    public static async Task<PublishHarness> StartAsync(IReadOnlyDictionary<string, string?>? settings, Action<IServiceCollection>? configure, CancellationToken cancellationToken)
    {
        var oss = await LocalOss.StartAsync(JobsBucket, cancellationToken: cancellationToken);
        oss.Server.CreateBucket(SiteBucket);
        return new PublishHarness(oss, settings, configure);
    }

    public static Task<PublishHarness> StartAsync(IReadOnlyDictionary<string, string?>? settings, CancellationToken cancellationToken) =>
        StartAsync(settings, null, cancellationToken);

    public static Task<PublishHarness> StartAsync(CancellationToken cancellationToken) => StartAsync(null, null, cancellationToken);

    public SitePublisher Publisher => _services.GetRequiredService<SitePublisher>();

    public RollbackHandler Rollback => _services.GetRequiredService<RollbackHandler>();

    public ReleaseStore Releases => _services.GetRequiredService<ReleaseStore>();

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public Task<SwitchResult> PublishAsync(string site, string jobId, long sequence, IReadOnlyDictionary<string, string> files, CancellationToken cancellationToken) =>
        PublishAsync(site, jobId, sequence, files, null, cancellationToken);

    public async Task<SwitchResult> PublishAsync(string site, string jobId, long sequence, IReadOnlyDictionary<string, string> files, Contracts.Sites.SiteRouting? routing, CancellationToken cancellationToken)
    {
        using var folder = new SiteFolder(files);
        return await Publisher.PublishDirectoryAsync(site, jobId, sequence, folder.Path, routing, cancellationToken);
    }

    /// <summary>The site's served files as path → text.</summary>
    public async Task<Dictionary<string, string>> ReadSiteAsync(string site, CancellationToken cancellationToken)
    {
        var prefix = ObjectKeys.SitePrefix(site);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in await Releases.ListKeysAsync(prefix, null, cancellationToken))
        {
            result[key[prefix.Length..]] = await ReadTextAsync(SiteBucket, key, cancellationToken);
        }

        return result;
    }

    public async Task<string> ReadTextAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        await using var content = await Store.GetAsync(bucket, key, null, cancellationToken);
        using var reader = new StreamReader(content.Content, Encoding.UTF8);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Oss.DisposeAsync();
    }
}
