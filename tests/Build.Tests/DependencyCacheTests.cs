using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Functions.Build;
using Orchestrator.TestSupport;

namespace Orchestrator.Build.Tests;

public sealed class DependencyCacheTests : IClassFixture<LocalOssFixture>, IDisposable
{
    private readonly TempDirectory _temp = new("deps");
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(90));
    private readonly BuildHarness _harness;

    public DependencyCacheTests(LocalOssFixture fixture) => _harness = new BuildHarness(fixture.Oss, _temp.Path);

    public void Dispose()
    {
        _timeout.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task SaveThenRestore_NodeModulesWithBinLink_RoundTripsAndSecondSaveKeepsFirst()
    {
        var cache = new DependencyCache(_harness.Store, _harness.Bucket, NullLogger.Instance);
        var key = "key-" + Guid.NewGuid().ToString("N");
        var modules = WriteNodeModules(_temp.Combine("a", "node_modules"), "v1");
        var log = new BoundedLog(10_000, 10_000);

        await cache.SaveAsync("job-1", key, modules, log, _timeout.Token);
        await cache.SaveAsync("job-2", key, WriteNodeModules(_temp.Combine("b", "node_modules"), "v2"), log, _timeout.Token);
        var restored = _temp.Combine("c", "node_modules");
        var hit = await cache.RestoreAsync("job-3", key, restored, log, _timeout.Token);

        Assert.True(hit);
        Assert.Equal("module.exports = 'v1';", File.ReadAllText(Path.Combine(restored, "greet", "index.js")));
        Assert.Equal("../greet/index.js", new FileInfo(Path.Combine(restored, ".bin", "greet")).LinkTarget);
        Assert.Contains("saved meanwhile by another job", log.Render(), StringComparison.Ordinal);
        var head = await _harness.Store.HeadAsync(_harness.Bucket, ObjectKeys.DependencyCache(key), _timeout.Token);
        Assert.Equal("job-1", head!.Metadata["job-id"]);
    }

    [Fact]
    public async Task RestoreAsync_UnknownKey_IsAMiss()
    {
        var cache = new DependencyCache(_harness.Store, _harness.Bucket, NullLogger.Instance);

        var hit = await cache.RestoreAsync("job", "missing-" + Guid.NewGuid().ToString("N"), _temp.Combine("nm"), new BoundedLog(1000, 1000), _timeout.Token);

        Assert.False(hit);
    }

    [Fact]
    public async Task RunAsync_CacheHit_SkipsInstallAndBuildUsesCachedModules()
    {
        var jobId = BuildHarness.NewJobId();
        var key = "key-" + jobId;
        var cache = new DependencyCache(_harness.Store, _harness.Bucket, NullLogger.Instance);
        await cache.SaveAsync("earlier-job", key, WriteNodeModules(_temp.Combine("seed", "node_modules"), "from-cache"), new BoundedLog(1000, 1000), _timeout.Token);
        var script = "const fs = require('fs'); fs.mkdirSync('dist'); fs.writeFileSync('dist/index.html', require('greet'));";
        var request = await _harness.SeedAsync(jobId, ProjectWriter.Write(_temp.Combine("p"), script), key, _timeout.Token);

        var outputs = await _harness.Stage().RunAsync(request, _timeout.Token);

        Assert.Equal("true", outputs["cacheHit"]);
        var output = await _harness.RestoreAsync(outputs["output"], _temp.Path, _timeout.Token);
        Assert.Equal("from-cache", File.ReadAllText(Path.Combine(output, "index.html")));
        Assert.DoesNotContain("installing dependencies", await _harness.ReadTextAsync(outputs["log"], _timeout.Token), StringComparison.Ordinal);
    }

    private static string WriteNodeModules(string directory, string value)
    {
        Directory.CreateDirectory(Path.Combine(directory, "greet"));
        Directory.CreateDirectory(Path.Combine(directory, ".bin"));
        File.WriteAllText(Path.Combine(directory, "greet", "index.js"), $"module.exports = '{value}';");
        File.WriteAllText(Path.Combine(directory, "greet", "package.json"), """{"name":"greet","main":"index.js"}""");
        File.CreateSymbolicLink(Path.Combine(directory, ".bin", "greet"), "../greet/index.js");
        return directory;
    }
}
