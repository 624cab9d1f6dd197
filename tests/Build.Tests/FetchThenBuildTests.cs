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

    [Fact]
    public async Task FetchThenBuild_ProjectSettings_RunTheirCommandsWithTheirVariablesAndTakeTheirOutputFolder()
    {
        var jobId = BuildHarness.NewJobId();
        var repository = _temp.Combine("repo");
        ProjectWriter.Write(Path.Combine(repository, "apps", "docs"), "throw new Error('the other app must not be built');");
        ProjectWriter.Write(Path.Combine(repository, "apps", "web"), """
            const fs = require('fs');
            fs.mkdirSync('site', { recursive: true });
            fs.writeFileSync('site/index.html', `<p>${process.env.GREETING} ${fs.readFileSync('tool-ran', 'utf8').trim()}</p>`);
            """);
        File.WriteAllText(Path.Combine(repository, "orchestrator.json"), """
            {
              "base": "apps/web",
              "installCommand": "mkdir -p node_modules/.bin && printf '#!/bin/sh\necho from-bin > tool-ran\n' > node_modules/.bin/mytool && chmod +x node_modules/.bin/mytool",
              "buildCommand": "mytool && node build.js",
              "outputDirectory": "site",
              "environment": { "GREETING": "hello-settings" }
            }
            """);
        var source = await UploadTarballAsync($"src/hello/{jobId}.tar.gz", repository);
        var fetch = new FetchStage(_harness.Store, Options.Create(new FetchOptions { Bucket = _harness.Bucket, WorkRoot = _temp.Path }), NullLogger<FetchStage>.Instance);

        var fetched = await fetch.RunAsync(new FetchRequested("m1", jobId, "hello", 1, source), _timeout.Token);
        var built = await _harness.Stage().RunAsync(new BuildRequested("m2", jobId, "hello", 1, fetched), _timeout.Token);

        var site = await _harness.RestoreAsync(built[StageOutputKeys.Output], _temp.Path, _timeout.Token);
        Assert.Equal("<p>hello-settings from-bin</p>", File.ReadAllText(Path.Combine(site, "index.html")));
        var log = await _harness.ReadTextAsync(built[StageOutputKeys.Log], _timeout.Token);
        Assert.Contains("running the settings' build command: mytool && node build.js", log, StringComparison.Ordinal);
    }

    /// <summary>examples/hello-site as a tarball under a top folder, named .tar.gz but recognised by its bytes.</summary>
    private Task<SourceObject> UploadHelloSiteTarballAsync(string key) =>
        UploadTarballAsync(key, ProjectWriter.CopyHelloSite(_temp.Combine("hello-site")));

    private async Task<SourceObject> UploadTarballAsync(string key, string project)
    {
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
