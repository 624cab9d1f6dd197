using System.Formats.Tar;
using System.IO.Compression;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Functions.Fetch;
using Orchestrator.TestSupport;

namespace Orchestrator.Build.Tests;

/// <summary>The two stages back to back over the local OSS server, as the coordinator chains them: Fetch's outputs are Build's inputs.</summary>
public sealed class FetchThenBuildTests : IClassFixture<LocalOssFixture>, IDisposable
{
    private readonly TempDirectory _temp = new("fetch-build");
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(90));
    private readonly BuildHarness _harness;

    public FetchThenBuildTests(LocalOssFixture fixture) => _harness = new BuildHarness(fixture.Oss, _temp.Path);

    public void Dispose()
    {
        _timeout.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task FetchThenBuild_HelloSiteTarball_ProducesTheSiteAndRetryReusesTheWorkspace()
    {
        var jobId = BuildHarness.NewJobId();
        var source = await UploadHelloSiteTarballAsync($"src/hello/{jobId}.tar.gz");
        var fetch = new FetchStage(_harness.Store, Options.Create(new FetchOptions { Bucket = _harness.Bucket, WorkRoot = _temp.Path }), NullLogger<FetchStage>.Instance);

        var fetched = await fetch.RunAsync(new FetchRequested("m1", jobId, "hello", 1, source), _timeout.Token);
        var first = await _harness.Stage().RunAsync(new BuildRequested("m2", jobId, "hello", 1, fetched), _timeout.Token);
        var retry = await _harness.Stage().RunAsync(new BuildRequested("m3", jobId, "hello", 2, fetched), _timeout.Token);

        Assert.Equal(ObjectKeys.BuildOutput(jobId), first[StageOutputKeys.Output]);
        Assert.Equal(ObjectKeys.StageLog(jobId, StageName.Build, 2), retry[StageOutputKeys.Log]);
        var site = await _harness.RestoreAsync(retry[StageOutputKeys.Output], _temp.Path, _timeout.Token);
        Assert.Equal(3, Directory.GetFiles(site).Length);
        Assert.Contains("<title>Hello from Orchestrator</title>", File.ReadAllText(Path.Combine(site, "index.html")), StringComparison.Ordinal);
    }

    /// <summary>examples/hello-site as a tarball under a top folder, named .tar.gz but recognised by its bytes.</summary>
    private async Task<SourceObject> UploadHelloSiteTarballAsync(string key)
    {
        var project = ProjectWriter.CopyHelloSite(_temp.Combine("hello-site"));
        var bytes = new MemoryStream();
        using (var gzip = new GZipStream(bytes, CompressionLevel.Optimal, leaveOpen: true))
        {
            await TarFile.CreateFromDirectoryAsync(project, gzip, includeBaseDirectory: true, _timeout.Token);
        }

        bytes.Position = 0;
        var put = await _harness.Store.PutAsync(_harness.Bucket, key, bytes, null, _timeout.Token);
        return new SourceObject(_harness.Bucket, key, put.ETag, bytes.Length);
    }
}
