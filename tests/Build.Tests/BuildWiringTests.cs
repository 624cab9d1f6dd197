using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orchestrator.Contracts.Messages;
using Orchestrator.Functions.Build;
using Orchestrator.TestSupport;

namespace Orchestrator.Build.Tests;

public sealed class BuildWiringTests(LocalOssFixture fixture) : IClassFixture<LocalOssFixture>
{
    [Fact]
    public void AddBuildStage_WithSettings_ResolvesTheStage()
    {
        using var provider = Provider(new() { ["Build:Bucket"] = "jobs", ["Build:TimeoutSeconds"] = "120", ["Build:Environment:VITE_API_URL"] = "https://api" });
        using var scope = provider.CreateScope();

        Assert.IsType<BuildStage>(scope.ServiceProvider.GetRequiredService<IStage<BuildRequested>>());
        var options = provider.GetRequiredService<IOptions<BuildOptions>>().Value;
        Assert.Equal(120, options.TimeoutSeconds);
        Assert.Equal("https://api", options.Environment["VITE_API_URL"]);
    }

    [Fact]
    public void AddBuildStage_CredentialPassedToBuild_FailsNamingTheSetting()
    {
        using var provider = Provider(new() { ["Build:Bucket"] = "jobs", ["Build:Environment:ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = "x" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<BuildOptions>>().Value);

        Assert.Contains("Build:Environment:ALIBABA_CLOUD_ACCESS_KEY_SECRET", error.Message, StringComparison.Ordinal);
    }

    private ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton(fixture.Oss.Store);
        services.AddBuildStage(configuration);
        return services.BuildServiceProvider();
    }
}
