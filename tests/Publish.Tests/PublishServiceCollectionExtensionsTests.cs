using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orchestrator.Contracts.Messages;
using Orchestrator.Contracts.Settings;
using Orchestrator.Functions.Publish.Cdn;
using Orchestrator.Functions.Publish.Options;
using Orchestrator.Functions.Publish.Rollback;
using Orchestrator.Storage;
using Orchestrator.TestSupport;

namespace Orchestrator.Functions.Publish.Tests;

public sealed class PublishServiceCollectionExtensionsTests
{
    /// <summary>Without a store only the options can be resolved, so the graph is checked only when one is given.</summary>
    private static ServiceProvider Build(Dictionary<string, string?> settings, IObjectStore? store = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        if (store is not null)
        {
            services.AddSingleton(store);
        }

        return services.AddPublishStage(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = store is not null, ValidateScopes = true });
    }

    [Fact]
    public async Task AddPublishStage_OnlyOrchestratorBucket_UsesItForJobsAndSites()
    {
        var ct = Support.TestTimeout.Token();
        await using var oss = await LocalOss.StartAsync(cancellationToken: ct);
        await using var services = Build(new() { ["ORCHESTRATOR_BUCKET"] = "shared" }, oss.Store);

        var options = services.GetRequiredService<IOptions<PublishOptions>>().Value;

        Assert.Equal(("shared", "shared", 16, 3), (options.JobsBucket, options.SiteBucket, options.MaxParallelism, options.KeepReleases));
        Assert.IsType<PublishStage>(services.GetRequiredService<IStage<PublishRequested>>());
        Assert.NotNull(services.GetRequiredService<RollbackHandler>());
        Assert.IsType<NoCdnRefresher>(services.GetRequiredService<ICdnRefresher>());
    }

    [Fact]
    public async Task AddPublishStage_NoBucket_FailsNamingTheSetting()
    {
        await using var services = Build(new());

        var ex = Assert.Throws<InvalidSettingException>(() => services.GetRequiredService<IOptions<PublishOptions>>().Value);

        Assert.Contains("Publish:JobsBucket", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddPublishStage_ParallelismOutOfRange_FailsNamingTheSetting()
    {
        await using var services = Build(new() { ["Publish:JobsBucket"] = "b", ["Publish:MaxParallelism"] = "0" });

        var ex = Assert.Throws<InvalidSettingException>(() => services.GetRequiredService<IOptions<PublishOptions>>().Value);

        Assert.Contains("MaxParallelism", ex.Message, StringComparison.Ordinal);
    }
}
