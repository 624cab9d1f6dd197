using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orchestrator.Contracts.Messages;
using Orchestrator.Contracts.Settings;
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

        var error = Assert.Throws<InvalidSettingException>(() => provider.GetRequiredService<IOptions<BuildOptions>>().Value);

        Assert.Contains("Build:Environment:ALIBABA_CLOUD_ACCESS_KEY_SECRET", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddBuildStage_TimeLimitNotBelowFunctionTimeout_FailsNamingTheSetting()
    {
        using var provider = Provider(new() { ["ORCHESTRATOR_BUCKET"] = "jobs", ["ORCHESTRATOR_FUNCTION_TIMEOUT_SECONDS"] = "600", ["Build:TimeoutSeconds"] = "600" });

        var error = Assert.Throws<InvalidSettingException>(() => provider.GetRequiredService<IOptions<BuildOptions>>().Value);

        Assert.Contains("Build:TimeoutSeconds (600)", error.Message, StringComparison.Ordinal);
        Assert.Contains("600 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddBuildStage_FunctionDiskFromSYaml_SetsTheDiskBudgetAndOneIdentityPool()
    {
        using var provider = Provider(new() { ["ORCHESTRATOR_BUCKET"] = "jobs", ["ORCHESTRATOR_FUNCTION_DISK_MEGABYTES"] = "10240" });

        Assert.Equal(8192L << 20, provider.GetRequiredService<IOptions<BuildOptions>>().Value.DiskLimitBytes);
        Assert.Same(provider.GetRequiredService<BuildIdentities>(), provider.GetRequiredService<BuildIdentities>());
    }

    [Fact]
    public void SYaml_BuildFunction_TellsTheFunctionItsDiskSize()
    {
        var yaml = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "s.yaml"));
        var build = yaml[yaml.IndexOf("\n  build:\n", StringComparison.Ordinal)..yaml.IndexOf("\n  publish:\n", StringComparison.Ordinal)];

        var diskSize = System.Text.RegularExpressions.Regex.Match(build, @"\n      diskSize: (\d+)\n").Groups[1].Value;
        var told = System.Text.RegularExpressions.Regex.Match(build, @"\n        ORCHESTRATOR_FUNCTION_DISK_MEGABYTES: '(\d+)'\n").Groups[1].Value;

        Assert.NotEmpty(diskSize);
        Assert.Equal(diskSize, told);
    }

    private ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton(fixture.Oss.Store);
        services.AddBuildStage(configuration);
        return services.BuildServiceProvider();
    }
}
