using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orchestrator.Contracts.Messages;
using Orchestrator.Contracts.Settings;
using Orchestrator.Functions.Fetch;
using Orchestrator.TestSupport;

namespace Orchestrator.Fetch.Tests.Stage;

public sealed class FetchWiringTests(LocalOssFixture fixture) : IClassFixture<LocalOssFixture>
{
    [Fact]
    public void AddFetchStage_WithBucketFromEnvironmentName_ResolvesTheStage()
    {
        using var provider = Provider(new() { ["ORCHESTRATOR_BUCKET"] = "jobs", ["Fetch:MaxEntries"] = "42" });
        using var scope = provider.CreateScope();

        Assert.IsType<FetchStage>(scope.ServiceProvider.GetRequiredService<IStage<FetchRequested>>());
        Assert.Equal("jobs", provider.GetRequiredService<IOptions<FetchOptions>>().Value.Bucket);
        Assert.Equal(42, provider.GetRequiredService<IOptions<FetchOptions>>().Value.MaxEntries);
    }

    [Fact]
    public void AddFetchStage_WithoutBucket_FailsNamingTheSetting()
    {
        using var provider = Provider([]);

        var error = Assert.Throws<InvalidSettingException>(() => provider.GetRequiredService<IOptions<FetchOptions>>().Value);

        Assert.Contains("Fetch:Bucket", error.Message, StringComparison.Ordinal);
    }

    private ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton(fixture.Oss.Store);
        services.AddFetchStage(configuration);
        return services.BuildServiceProvider();
    }
}
