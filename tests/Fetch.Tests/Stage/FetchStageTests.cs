using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Fetch.Tests.Archives;
using Orchestrator.Functions.Fetch;
using Orchestrator.TestSupport;

namespace Orchestrator.Fetch.Tests.Stage;

public sealed class FetchStageTests : IClassFixture<LocalOssFixture>, IDisposable
{
    private readonly LocalOss _oss;
    private readonly TempDirectory _temp = new("fetch-stage");
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    public FetchStageTests(LocalOssFixture fixture) => _oss = fixture.Oss;

    public void Dispose()
    {
        _timeout.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task RunAsync_HelloSiteZip_StoresWorkspaceAndManifestWithMetadata()
    {
        var jobId = NewJobId();
        var source = await UploadAsync($"src/hello/{jobId}.zip", HelloSiteZip());

        var outputs = await Stage().RunAsync(Request(jobId, source), _timeout.Token);

        Assert.Equal(ObjectKeys.Workspace(jobId), outputs[StageOutputKeys.Workspace]);
        Assert.Equal(ObjectKeys.WorkspaceManifest(jobId), outputs[StageOutputKeys.Manifest]);
        Assert.Equal("npm", outputs[StageOutputKeys.PackageManager]);
        Assert.Matches("^[0-9a-f]{64}$", outputs[StageOutputKeys.CacheKey]);

        var manifest = await ReadManifestAsync(jobId);
        Assert.Equal("zip", manifest.ArchiveFormat);
        Assert.Equal("package-lock.json", manifest.Lockfile);
        Assert.Equal(18, manifest.NodeMajor);
        Assert.Equal("build", manifest.BuildScript);
        Assert.Equal(outputs[StageOutputKeys.CacheKey], manifest.CacheKey);

        var head = await _oss.Store.HeadAsync(_oss.Bucket, ObjectKeys.Workspace(jobId), _timeout.Token);
        Assert.NotNull(head);
        Assert.Equal(jobId, head.Metadata["job-id"]);
        Assert.Equal("fetch", head.Metadata["stage"]);
        Assert.Equal(await Sha256Async(ObjectKeys.Workspace(jobId)), head.Metadata["sha256"]);
        Assert.Equal(manifest.WorkspaceSha256, head.Metadata["sha256"]);

        // The single top folder "hello-site/" was stripped: package.json sits at the workspace root.
        var unpacked = _temp.Combine("unpacked");
        await using var workspace = await _oss.Store.GetAsync(_oss.Bucket, ObjectKeys.Workspace(jobId), null, _timeout.Token);
        await Orchestrator.Archives.ArchiveExtractor.ExtractAsync(workspace.Content, unpacked, Orchestrator.Archives.ExtractionLimits.Default with { StripSingleTopLevelFolder = false }, _timeout.Token);
        Assert.True(File.Exists(Path.Combine(unpacked, "package.json")));
        Assert.True(File.Exists(Path.Combine(unpacked, "src", "app.js")));
    }

    [Fact]
    public async Task RunAsync_HelloSiteZip_WritesALogOfWhatItUnpackedDetectedAndChose()
    {
        var jobId = NewJobId();
        var source = await UploadAsync($"src/hello/{jobId}.zip", HelloSiteZip());

        var outputs = await Stage().RunAsync(Request(jobId, source), _timeout.Token);

        Assert.Equal(ObjectKeys.StageLog(jobId, StageName.Fetch, 1), outputs[StageOutputKeys.Log]);
        var log = await ReadTextAsync(outputs[StageOutputKeys.Log]);
        Assert.StartsWith($"fetch hello job {jobId} attempt 1\n", log, StringComparison.Ordinal);
        Assert.Contains($"source oss://{_oss.Bucket}/src/hello/{jobId}.zip: ", log, StringComparison.Ordinal);
        Assert.Contains("the single top folder 'hello-site/' removed", log, StringComparison.Ordinal);
        Assert.Contains("package manager: npm; lockfile: package-lock.json", log, StringComparison.Ordinal);
        Assert.Contains("build: script 'build'", log, StringComparison.Ordinal);
        Assert.Contains($"dependency cache key: {outputs[StageOutputKeys.CacheKey]}", log, StringComparison.Ordinal);
        Assert.Contains($"workspace stored: {ObjectKeys.Workspace(jobId)}", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_HostileArchive_LogSaysHowFarItGotAndWhy()
    {
        var jobId = NewJobId();
        var source = await UploadAsync($"src/hello/{jobId}.zip", TestArchives.Zip(("package.json", "{}"), ("../../evil.js", "x")).ToArray());

        await Assert.ThrowsAsync<StageFailedException>(() => Stage().RunAsync(Request(jobId, source) with { Attempt = 2 }, _timeout.Token));

        var log = await ReadTextAsync(ObjectKeys.StageLog(jobId, StageName.Fetch, 2));
        Assert.Contains("source oss://", log, StringComparison.Ordinal);
        Assert.DoesNotContain("unpacked", log, StringComparison.Ordinal);
        Assert.Contains("failed: ArchiveRejected (retryable: no)", log, StringComparison.Ordinal);
        Assert.Contains("ParentTraversal", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SameUploadTwice_WritesIdenticalObjects()
    {
        var jobId = NewJobId();
        var source = await UploadAsync($"src/hello/{jobId}.tgz", TestArchives.TarGz(
            TestArchives.TarFile("p/package.json", """{"scripts":{"build":"node b.js"}}"""), TestArchives.TarFile("p/b.js", "1")).ToArray());

        await Stage().RunAsync(Request(jobId, source), _timeout.Token);
        var firstWorkspace = await Sha256Async(ObjectKeys.Workspace(jobId));
        var firstManifest = await Sha256Async(ObjectKeys.WorkspaceManifest(jobId));
        await Stage().RunAsync(Request(jobId, source) with { Attempt = 2, MessageId = "m2" }, _timeout.Token);

        Assert.Equal(firstWorkspace, await Sha256Async(ObjectKeys.Workspace(jobId)));
        Assert.Equal(firstManifest, await Sha256Async(ObjectKeys.WorkspaceManifest(jobId)));
    }

    [Fact]
    public async Task RunAsync_ObjectReplacedSinceJobStarted_FailsSourceChanged()
    {
        var jobId = NewJobId();
        var source = await UploadAsync($"src/hello/{jobId}.zip", HelloSiteZip());
        await UploadAsync(source.Key, TestArchives.Zip(("package.json", "{}")).ToArray());

        var error = await Assert.ThrowsAsync<StageFailedException>(() => Stage().RunAsync(Request(jobId, source), _timeout.Token));

        Assert.Equal("SourceChanged", error.Code);
        Assert.False(error.Retryable);
    }

    [Fact]
    public async Task RunAsync_SizeDiffersFromEvent_FailsRetryably()
    {
        var jobId = NewJobId();
        var source = await UploadAsync($"src/hello/{jobId}.zip", HelloSiteZip());

        var error = await Assert.ThrowsAsync<StageFailedException>(() => Stage().RunAsync(Request(jobId, source with { Size = source.Size + 1 }), _timeout.Token));

        Assert.Equal("SourceSizeMismatch", error.Code);
        Assert.True(error.Retryable);
    }

    [Fact]
    public async Task RunAsync_BytesCorruptedInTransit_FailsChecksumMismatchRetryably()
    {
        var jobId = NewJobId();
        var source = await UploadAsync($"src/hello/{jobId}.zip", HelloSiteZip());
        var stage = new FetchStage(new CorruptingStore(_oss.Store), Options.Create(new FetchOptions { Bucket = _oss.Bucket, WorkRoot = _temp.Path }), NullLogger<FetchStage>.Instance);

        var error = await Assert.ThrowsAsync<StageFailedException>(() => stage.RunAsync(Request(jobId, source), _timeout.Token));

        Assert.Equal("SourceChecksumMismatch", error.Code);
        Assert.True(error.Retryable);
    }

    [Fact]
    public async Task RunAsync_MissingSource_FailsSourceMissing()
    {
        var jobId = NewJobId();

        var error = await Assert.ThrowsAsync<StageFailedException>(() =>
            Stage().RunAsync(Request(jobId, new SourceObject(_oss.Bucket, "src/hello/none.zip", "\"0123\"", 10)), _timeout.Token));

        Assert.Equal("SourceMissing", error.Code);
        Assert.False(error.Retryable);
    }

    [Fact]
    public async Task RunAsync_SourceInABucketNotOwned_FailsBucketNotOwnedWithoutReadingIt()
    {
        var jobId = NewJobId();
        var source = await UploadAsync($"src/hello/{jobId}.zip", HelloSiteZip());

        var error = await Assert.ThrowsAsync<StageFailedException>(() =>
            Stage(o => o.SourceBuckets = ["uploads-only"]).RunAsync(Request(jobId, source), _timeout.Token));

        Assert.Equal("BucketNotOwned", error.Code);
        Assert.False(error.Retryable);
        Assert.Contains(_oss.Bucket, error.Message, StringComparison.Ordinal);
        Assert.Null(await _oss.Store.HeadAsync(_oss.Bucket, ObjectKeys.Workspace(jobId), _timeout.Token));
    }

    [Fact]
    public async Task RunAsync_ZipSlipUpload_FailsArchiveRejectedAndStoresNothing()
    {
        var jobId = NewJobId();
        var source = await UploadAsync($"src/hello/{jobId}.zip", TestArchives.Zip(("package.json", "{}"), ("../../evil.js", "x")).ToArray());

        var error = await Assert.ThrowsAsync<StageFailedException>(() => Stage().RunAsync(Request(jobId, source), _timeout.Token));

        Assert.Equal("ArchiveRejected", error.Code);
        Assert.False(error.Retryable);
        Assert.Contains("ParentTraversal", error.Message, StringComparison.Ordinal);
        Assert.Null(await _oss.Store.HeadAsync(_oss.Bucket, ObjectKeys.Workspace(jobId), _timeout.Token));
    }

    [Fact]
    public async Task RunAsync_ArchiveWithoutPackageJson_FailsPackageJsonMissing()
    {
        var jobId = NewJobId();
        var source = await UploadAsync($"src/hello/{jobId}.zip", TestArchives.Zip(("index.html", "<p>hi</p>")).ToArray());

        var error = await Assert.ThrowsAsync<StageFailedException>(() => Stage().RunAsync(Request(jobId, source), _timeout.Token));

        Assert.Equal("PackageJsonMissing", error.Code);
        Assert.False(error.Retryable);
    }

    [Fact]
    public async Task RunAsync_ProjectSettings_ReachTheManifestAndTheLogShowsTheChosenBase()
    {
        var jobId = NewJobId();
        var source = await UploadAsync($"src/hello/{jobId}.zip", TestArchives.Zip(
            ("apps/web/package.json", """{"scripts":{"build":"x"}}"""),
            ("apps/docs/package.json", """{"scripts":{"build":"x"}}"""),
            ("orchestrator.json", """{"base":"apps/web","buildCommand":"node make.js","outputDirectory":"site","environment":{"VITE_MODE":"demo"},"spaFallback":"/index.html"}""")).ToArray());

        var outputs = await Stage().RunAsync(Request(jobId, source), _timeout.Token);

        var manifest = await ReadManifestAsync(jobId);
        Assert.Equal("apps/web", manifest.ProjectPath);
        Assert.Equal("node make.js", manifest.CustomBuildCommand);
        Assert.Equal("site", manifest.OutputDirectory);
        Assert.Equal("demo", manifest.BuildEnvironment!["VITE_MODE"]);
        Assert.Equal("/index.html", manifest.Routing!.SpaFallback);
        Assert.Equal(["orchestrator.json"], manifest.SettingsFiles);
        var log = await ReadTextAsync(outputs[StageOutputKeys.Log]);
        Assert.Contains("settings files: orchestrator.json", log, StringComparison.Ordinal);
        Assert.Contains("project folder: apps/web (base 'apps/web' from orchestrator.json)", log, StringComparison.Ordinal);
        Assert.Contains("build: command `node make.js` from the settings", log, StringComparison.Ordinal);
        Assert.Contains("build variables: VITE_MODE", log, StringComparison.Ordinal);
        Assert.DoesNotContain("demo", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_TwoAppsNoSetting_FailsAmbiguousProjectAndLogsWhy()
    {
        var jobId = NewJobId();
        var source = await UploadAsync($"src/hello/{jobId}.zip", TestArchives.Zip(
            ("shop/package.json", """{"scripts":{"build":"x"}}"""),
            ("blog/package.json", """{"scripts":{"build":"x"}}""")).ToArray());

        var error = await Assert.ThrowsAsync<StageFailedException>(() => Stage().RunAsync(Request(jobId, source), _timeout.Token));

        Assert.Equal("AmbiguousProject", error.Code);
        Assert.Contains("blog, shop", error.Message, StringComparison.Ordinal);
        Assert.Contains("failed: AmbiguousProject", await ReadTextAsync(ObjectKeys.StageLog(jobId, StageName.Fetch, 1)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_TooManyEntriesForConfiguredLimit_FailsArchiveRejected()
    {
        var jobId = NewJobId();
        var source = await UploadAsync($"src/hello/{jobId}.zip", HelloSiteZip());

        var error = await Assert.ThrowsAsync<StageFailedException>(() => Stage(o => o.MaxEntries = 2).RunAsync(Request(jobId, source), _timeout.Token));

        Assert.Equal("ArchiveRejected", error.Code);
        Assert.Contains("TooManyEntries", error.Message, StringComparison.Ordinal);
    }

    private FetchStage Stage(Action<FetchOptions>? configure = null)
    {
        var options = new FetchOptions { Bucket = _oss.Bucket, WorkRoot = _temp.Path };
        configure?.Invoke(options);
        return new FetchStage(_oss.Store, Options.Create(options), NullLogger<FetchStage>.Instance);
    }

    private static string NewJobId() => "job-" + Guid.NewGuid().ToString("N")[..12];

    private static FetchRequested Request(string jobId, SourceObject source) => new("m1", jobId, "hello", 1, source);

    private async Task<SourceObject> UploadAsync(string key, byte[] bytes)
    {
        using var body = new MemoryStream(bytes);
        var put = await _oss.Store.PutAsync(_oss.Bucket, key, body, null, _timeout.Token);
        return new SourceObject(_oss.Bucket, key, put.ETag, bytes.Length);
    }

    private async Task<WorkspaceManifest> ReadManifestAsync(string jobId)
    {
        await using var content = await _oss.Store.GetAsync(_oss.Bucket, ObjectKeys.WorkspaceManifest(jobId), null, _timeout.Token);
        return (await JsonSerializer.DeserializeAsync(content.Content, WorkspaceManifestJsonContext.Default.WorkspaceManifest, _timeout.Token))!;
    }

    private async Task<string> ReadTextAsync(string key)
    {
        await using var content = await _oss.Store.GetAsync(_oss.Bucket, key, null, _timeout.Token);
        using var reader = new StreamReader(content.Content);
        return await reader.ReadToEndAsync(_timeout.Token);
    }

    private async Task<string> Sha256Async(string key)
    {
        await using var content = await _oss.Store.GetAsync(_oss.Bucket, key, null, _timeout.Token);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(content.Content, _timeout.Token));
    }

    /// <summary>examples/hello-site zipped under a top folder, as a user's archiver would (build outputs left out).</summary>
    private static byte[] HelloSiteZip()
    {
        var root = RepositoryFiles.HelloSite;
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
                if (!relative.StartsWith("dist/", StringComparison.Ordinal) && !relative.StartsWith("node_modules/", StringComparison.Ordinal))
                {
                    zip.CreateEntryFromFile(file, "hello-site/" + relative);
                }
            }
        }

        return stream.ToArray();
    }
}
