using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Functions.Publish.Releases;
using Orchestrator.Functions.Publish.Tests.Support;

namespace Orchestrator.Functions.Publish.Tests;

public sealed class SitePublisherTests
{
    private const string Site = "shop";
    private const string Immutable = "public, max-age=31536000, immutable";

    private static Dictionary<string, string> Release(int version) => new()
    {
        ["index.html"] = $"<html><script src=\"/assets/app.c0ffee{version:x2}.js\"></script>v{version}</html>",
        [$"assets/app.c0ffee{version:x2}.js"] = $"console.log({version});",
        ["assets/style.css"] = "body { color: red; }",
        ["robots.txt"] = "User-agent: *",
        ["img/logo.png"] = "png-bytes",
    };

    [Fact]
    public async Task PublishDirectory_FirstRelease_ServesEveryFileWithTypeAndCacheControl()
    {
        var ct = TestTimeout.Token();
        await using var harness = await PublishHarness.StartAsync(ct);

        var result = await harness.PublishAsync(Site, "job-1", 1, Release(1), ct);

        Assert.Equal((5, 5, 0), (result.Files, result.Updated, result.Skipped));
        Assert.Equal(Release(1), await harness.ReadSiteAsync(Site, ct));
        await AssertHeadersAsync(harness, "index.html", "text/html; charset=utf-8", "no-cache", ct);
        await AssertHeadersAsync(harness, "assets/app.c0ffee01.js", "text/javascript; charset=utf-8", Immutable, ct);
        await AssertHeadersAsync(harness, "assets/style.css", "text/css; charset=utf-8", "no-cache", ct);
        await AssertHeadersAsync(harness, "robots.txt", "text/plain; charset=utf-8", "no-cache", ct);
        await AssertHeadersAsync(harness, "img/logo.png", "image/png", "no-cache", ct);
        var pointer = await harness.Releases.GetPointerAsync(Site, ct);
        Assert.Equal(("job-1", 1L, 1L), (pointer!.JobId, pointer.SiteSequence, pointer.HighestSequence));
    }

    [Fact]
    public async Task PublishDirectory_OneFileChanged_UploadsOnlyThatFile()
    {
        var ct = TestTimeout.Token();
        await using var harness = await PublishHarness.StartAsync(ct);
        var files = Release(1);
        await harness.PublishAsync(Site, "job-1", 1, files, ct);

        files["assets/style.css"] = "body { color: blue; }";
        var result = await harness.PublishAsync(Site, "job-2", 2, files, ct);

        Assert.Equal((5, 1, 4, 1), (result.Files, result.Updated, result.Skipped, result.BlobsUploaded));
        Assert.Equal(["assets/style.css"], result.UpdatedPaths);
        Assert.Equal(files, await harness.ReadSiteAsync(Site, ct));
    }

    [Fact]
    public async Task PublishDirectory_SameJobRetried_UploadsNothing()
    {
        var ct = TestTimeout.Token();
        await using var harness = await PublishHarness.StartAsync(ct);
        await harness.PublishAsync(Site, "job-1", 1, Release(1), ct);

        var retry = await harness.PublishAsync(Site, "job-1", 1, Release(1), ct);

        Assert.Equal((5, 0, 5), (retry.Files, retry.Updated, retry.Skipped));
    }

    [Fact]
    public async Task PublishDirectory_MoreReleasesThanKept_PrunesOldestAndTheirFiles()
    {
        var ct = TestTimeout.Token();
        await using var harness = await PublishHarness.StartAsync(ct);
        for (var version = 1; version <= 5; version++)
        {
            await harness.PublishAsync(Site, $"job-{version}", version, Release(version), ct);
        }

        var manifests = await harness.Releases.ListManifestsAsync(Site, ct);
        Assert.Equal(["job-3", "job-4", "job-5"], manifests.Select(m => m.JobId).Order(StringComparer.Ordinal));
        var served = await harness.ReadSiteAsync(Site, ct);
        Assert.DoesNotContain("assets/app.c0ffee01.js", served.Keys);
        Assert.DoesNotContain("assets/app.c0ffee02.js", served.Keys);
        Assert.Contains("assets/app.c0ffee03.js", served.Keys);
        Assert.Contains("assets/app.c0ffee04.js", served.Keys);
        Assert.Equal(Release(5)["index.html"], served["index.html"]);
        var keptHashes = manifests.SelectMany(m => m.Files.Values).Select(f => f.Sha256).ToHashSet();
        var blobs = await harness.Releases.ListKeysAsync(SiteKeys.BlobsPrefix(Site), null, ct);
        Assert.Equal(keptHashes.Order(StringComparer.Ordinal), blobs.Select(b => b[SiteKeys.BlobsPrefix(Site).Length..]).Order(StringComparer.Ordinal));
        Assert.Empty(await harness.Releases.ListPendingAsync(Site, ct));
    }

    [Fact]
    public async Task PublishDirectory_OlderSequenceAfterNewer_FailsSupersededAndKeepsNewer()
    {
        var ct = TestTimeout.Token();
        await using var harness = await PublishHarness.StartAsync(ct);
        await harness.PublishAsync(Site, "job-2", 2, Release(2), ct);

        var ex = await Assert.ThrowsAsync<StageFailedException>(() => harness.PublishAsync(Site, "job-1", 1, Release(1), ct));

        Assert.Equal(PublishErrorCodes.SupersededRelease, ex.Code);
        Assert.False(ex.Retryable);
        Assert.Equal(Release(2), await harness.ReadSiteAsync(Site, ct));
        Assert.Equal("job-2", (await harness.Releases.GetPointerAsync(Site, ct))!.JobId);
    }

    [Fact]
    public async Task PublishDirectory_InterruptedPublishLeftPending_NextPublishRewritesTouchedPaths()
    {
        var ct = TestTimeout.Token();
        await using var harness = await PublishHarness.StartAsync(ct);
        var files = Release(1);
        await harness.PublishAsync(Site, "job-1", 1, files, ct);
        // What a publish killed half-way leaves: its pending record and a file it overwrote, no switch.
        await harness.Releases.PutPendingAsync(Site, new PendingChange("job-2", 2, ["assets/style.css"], []), ct);
        using (var body = new MemoryStream("half-published"u8.ToArray()))
        {
            await harness.Store.PutAsync(PublishHarness.SiteBucket, ObjectKeys.SitePrefix(Site) + "assets/style.css", body, null, ct);
        }

        var result = await harness.PublishAsync(Site, "job-3", 3, files, ct);

        Assert.Equal(["assets/style.css"], result.UpdatedPaths);
        Assert.Equal(files, await harness.ReadSiteAsync(Site, ct));
        Assert.Empty(await harness.Releases.ListPendingAsync(Site, ct));
    }

    [Fact]
    public async Task PublishDirectory_CancelledHalfWayThenRetried_CompletesWithTheRightFiles()
    {
        var ct = TestTimeout.Token();
        await using var harness = await PublishHarness.StartAsync(new Dictionary<string, string?> { ["Publish:MaxParallelism"] = "2" }, ct);
        await harness.PublishAsync(Site, "job-1", 1, Release(1), ct);
        var second = Release(2);
        for (var i = 0; i < 40; i++)
        {
            second[$"assets/extra-{i}.js"] = $"// {i}";
        }

        // A function killed by its deadline: cancelled once its uploads have begun (its pending record exists).
        harness.Oss.Server.Faults.Latency = TimeSpan.FromMilliseconds(20);
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            var attempt = harness.PublishAsync(Site, "job-2", 2, second, deadline.Token);
            while ((await harness.Releases.ListPendingAsync(Site, ct)).Count == 0 && !attempt.IsCompleted)
            {
                ct.ThrowIfCancellationRequested();
            }

            await deadline.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => attempt);
        }

        harness.Oss.Server.Faults.Latency = TimeSpan.Zero;
        Assert.NotEmpty(await harness.Releases.ListPendingAsync(Site, ct));
        Assert.Equal("job-1", (await harness.Releases.GetPointerAsync(Site, ct))!.JobId);

        var retry = await harness.PublishAsync(Site, "job-2", 2, second, ct);

        Assert.Equal(second.Count, retry.Files);
        // Release 1 is still kept, so its script stays beside release 2 for pages loaded before the switch.
        var expected = new Dictionary<string, string>(second) { ["assets/app.c0ffee01.js"] = Release(1)["assets/app.c0ffee01.js"] };
        Assert.Equal(expected, await harness.ReadSiteAsync(Site, ct));
        Assert.Empty(await harness.Releases.ListPendingAsync(Site, ct));
    }

    [Fact]
    public async Task PublishDirectory_UnusualNames_ServedUnderTheSameKeys()
    {
        var ct = TestTimeout.Token();
        await using var harness = await PublishHarness.StartAsync(ct);
        var files = new Dictionary<string, string>
        {
            ["index.html"] = "<html></html>",
            ["docs/a b+c&d=e.txt"] = "spaces and signs",
            ["docs/ünïcødé-页面.html"] = "<html>unicode</html>",
            ["deep/er/and/deeper/file.json"] = "{}",
        };

        await harness.PublishAsync(Site, "job-1", 1, files, ct);

        Assert.Equal(files, await harness.ReadSiteAsync(Site, ct));
    }

    [Fact]
    public async Task PublishDirectory_OnlyEmptyFolders_FailsEmptyBuildOutput()
    {
        var ct = TestTimeout.Token();
        await using var harness = await PublishHarness.StartAsync(ct);
        using var folder = new SiteFolder(new Dictionary<string, string>());
        Directory.CreateDirectory(Path.Combine(folder.Path, "assets", "empty"));

        var ex = await Assert.ThrowsAsync<StageFailedException>(() => harness.Publisher.PublishDirectoryAsync(Site, "job-1", 1, folder.Path, null, ct));

        Assert.Equal((PublishErrorCodes.EmptyBuildOutput, false), (ex.Code, ex.Retryable));
    }

    [Fact]
    public async Task PublishDirectory_OutputWithSymlink_FailsInvalidBuildOutput()
    {
        var ct = TestTimeout.Token();
        await using var harness = await PublishHarness.StartAsync(ct);
        using var folder = new SiteFolder(Release(1));
        File.CreateSymbolicLink(Path.Combine(folder.Path, "secret"), "/etc/passwd");

        var ex = await Assert.ThrowsAsync<StageFailedException>(() => harness.Publisher.PublishDirectoryAsync(Site, "job-1", 1, folder.Path, null, ct));

        Assert.Equal(PublishErrorCodes.InvalidBuildOutput, ex.Code);
        Assert.Empty(await harness.ReadSiteAsync(Site, ct));
    }

    [Theory]
    [InlineData("../etc")]
    [InlineData("a/b")]
    [InlineData("")]
    public async Task PublishDirectory_BadSiteName_FailsInvalidSite(string site)
    {
        var ct = TestTimeout.Token();
        await using var harness = await PublishHarness.StartAsync(ct);

        var ex = await Assert.ThrowsAsync<StageFailedException>(() => harness.PublishAsync(site, "job-1", 1, Release(1), ct));

        Assert.Equal(PublishErrorCodes.InvalidSite, ex.Code);
    }

    [Fact]
    public async Task PublishDirectory_JobIdNamedLikeThePointer_FailsInvalidSite()
    {
        var ct = TestTimeout.Token();
        await using var harness = await PublishHarness.StartAsync(ct);

        var ex = await Assert.ThrowsAsync<StageFailedException>(() => harness.PublishAsync(Site, "current", 1, Release(1), ct));

        Assert.Equal(PublishErrorCodes.InvalidSite, ex.Code);
    }

    private static async Task AssertHeadersAsync(PublishHarness harness, string path, string contentType, string cacheControl, CancellationToken ct)
    {
        var head = await harness.Store.HeadAsync(PublishHarness.SiteBucket, ObjectKeys.SitePrefix(Site) + path, ct);
        Assert.NotNull(head);
        Assert.Equal((contentType, cacheControl), (head.ContentType, head.CacheControl));
    }
}
