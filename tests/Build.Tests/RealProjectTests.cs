using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Functions.Build;
using Orchestrator.Functions.Fetch;
using Orchestrator.TestSupport;
using Xunit.Abstractions;

namespace Orchestrator.Build.Tests;

/// <summary>
/// The projects under <c>Projects/</c> (recreated from the frameworks' starters, with the lockfiles their tools
/// wrote) through Fetch and Build, cold then warm. They install from the npm registry, so they are few; the
/// dependency and corepack caches live in one OSS folder kept between runs (<see cref="RealProjectOss"/>).
/// </summary>
public sealed class RealProjectTests : IClassFixture<RealProjectOss>, IDisposable
{
    private readonly TempDirectory _temp = new("real-projects");
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(5));
    private readonly BuildHarness _harness;
    private readonly ITestOutputHelper _output;

    public RealProjectTests(RealProjectOss fixture, ITestOutputHelper output)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        _harness = new BuildHarness(fixture.Oss, _temp.Path);
        _output = output;
    }

    public void Dispose()
    {
        _timeout.Dispose();
        _temp.Dispose();
    }

    [RegistryFact]
    public async Task Build_NpmWorkspacesMonorepo_WarmBuildHitsTheCacheAndBuildsTheSameSite()
    {
        var (cold, warm) = await BuildTwiceAsync("npm-workspaces");

        Assert.Contains(", a workspace package", JavaScriptOf(warm), StringComparison.Ordinal);
        Assert.Contains("npm ", cold.Log, StringComparison.Ordinal);
    }

    [RegistryFact]
    public async Task Build_PnpmProjectWithPackageManager_UsesThatPnpmThroughCorepack()
    {
        var (cold, warm) = await BuildTwiceAsync("pnpm");

        Assert.Contains("pnpm 9.15.9: packageManager in package.json names pnpm@9.15.9", cold.Log, StringComparison.Ordinal);
        Assert.Contains("Hello from Vite built with pnpm", JavaScriptOf(warm), StringComparison.Ordinal);
    }

    [RegistryFact]
    public async Task Build_YarnClassicProject_UsesThePinnedYarn1ForItsLockfile()
    {
        var (cold, warm) = await BuildTwiceAsync("yarn-classic");

        Assert.Contains("yarn 1.22.22: yarn.lock in yarn 1's format", cold.Log, StringComparison.Ordinal);
        Assert.Contains("Hello from Vite built with yarn classic", JavaScriptOf(warm), StringComparison.Ordinal);
    }

    [RegistryFact]
    public async Task Build_YarnBerryProjectWithPackageManager_InstallsImmutablyWithPlugAndPlay()
    {
        var (cold, warm) = await BuildTwiceAsync("yarn-berry");

        Assert.Contains("yarn 4.5.3: packageManager in package.json names yarn@4.5.3", cold.Log, StringComparison.Ordinal);
        Assert.Contains("Hello from Vite built with yarn berry", JavaScriptOf(warm), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_EnginesNodeNoInstalledNodeMeets_FailsNodeVersionUnavailableNamingBoth()
    {
        var error = await Assert.ThrowsAsync<StageFailedException>(() => FetchAndBuildAsync("node-unavailable"));

        Assert.Equal(BuildErrorCodes.NodeVersionUnavailable, error.Code);
        Assert.False(error.Retryable);
        Assert.Contains("engines.node in package.json asks for Node.js \">=99\"", error.Message, StringComparison.Ordinal);
        Assert.Matches("available: [0-9]+\\.[0-9]+\\.[0-9]+", error.Message);
    }

    private async Task<(Built Cold, Built Warm)> BuildTwiceAsync(string fixture)
    {
        var cold = await FetchAndBuildAsync(fixture);
        var warm = await FetchAndBuildAsync(fixture);
        _output.WriteLine(cold.Log);
        _output.WriteLine(warm.Log);
        _output.WriteLine($"{fixture}: first build {cold.Seconds:0.0} s (cache hit {cold.CacheHit}), second {warm.Seconds:0.0} s (cache hit {warm.CacheHit})");

        Assert.True(warm.CacheHit, "the second build of the same lockfile restores the dependency cache:\n" + warm.Log);
        Assert.DoesNotContain("installing dependencies", warm.Log, StringComparison.Ordinal);
        Assert.NotEmpty(cold.Files);
        Assert.Equal(cold.Files, warm.Files);
        return (cold, warm);
    }

    private async Task<Built> FetchAndBuildAsync(string fixture)
    {
        var jobId = BuildHarness.NewJobId();
        var source = await UploadAsync(fixture, $"src/{fixture}/{jobId}.zip");
        var fetch = new FetchStage(_harness.Store, Options.Create(new FetchOptions { Bucket = _harness.Bucket, WorkRoot = _temp.Path }), NullLogger<FetchStage>.Instance);
        var fetched = await fetch.RunAsync(new FetchRequested("m1", jobId, fixture, 1, source), _timeout.Token);
        var stage = _harness.Stage(ForRegistry);
        var clock = Stopwatch.StartNew();
        var outputs = await stage.RunAsync(new BuildRequested("m2", jobId, fixture, 1, fetched), _timeout.Token);
        var seconds = clock.Elapsed.TotalSeconds;
        var site = await _harness.RestoreAsync(outputs[StageOutputKeys.Output], _temp.Path, _timeout.Token);
        var log = await _harness.ReadTextAsync(outputs[StageOutputKeys.Log], _timeout.Token);
        return new Built(site, Digests(site), outputs[StageOutputKeys.CacheHit] == "true", log, seconds);
    }

    /// <summary>
    /// Real installs take longer than the unit tests' limit. A TLS-inspecting proxy's CA (NODE_EXTRA_CA_CERTS) is
    /// passed on, and the registry this runs against may not serve npm's signatures, which corepack would check.
    /// </summary>
    private static void ForRegistry(BuildOptions options)
    {
        options.TimeoutSeconds = 240;
        options.VerifyPackageManagerSignatures = false;
        if (Environment.GetEnvironmentVariable("NODE_EXTRA_CA_CERTS") is { Length: > 0 } certificates)
        {
            options.Environment["NODE_EXTRA_CA_CERTS"] = certificates;
        }
    }

    private async Task<SourceObject> UploadAsync(string fixture, string key)
    {
        var bytes = new MemoryStream();
        await ZipFile.CreateFromDirectoryAsync(Path.Combine(RepositoryFiles.Root, "tests", "Build.Tests", "Projects", fixture), bytes, CompressionLevel.Fastest, includeBaseDirectory: false, _timeout.Token);
        bytes.Position = 0;
        var put = await _harness.Store.PutAsync(_harness.Bucket, key, bytes, null, _timeout.Token);
        return new SourceObject(_harness.Bucket, key, put.ETag, bytes.Length);
    }

    private static string JavaScriptOf(Built built) =>
        string.Concat(Directory.GetFiles(built.Site, "*.js", SearchOption.AllDirectories).Select(File.ReadAllText));

    private static SortedDictionary<string, string> Digests(string site) =>
        new(Directory.GetFiles(site, "*", SearchOption.AllDirectories).ToDictionary(
            f => Path.GetRelativePath(site, f),
            f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)))), StringComparer.Ordinal);

    private sealed record Built(string Site, SortedDictionary<string, string> Files, bool CacheHit, string Log, double Seconds);
}
