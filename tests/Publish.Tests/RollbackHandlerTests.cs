using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Messages;
using Orchestrator.Functions.Publish.Tests.Support;

namespace Orchestrator.Functions.Publish.Tests;

public sealed class RollbackHandlerTests
{
    private const string Site = "blog";

    private static Dictionary<string, string> Release(int version)
    {
        var files = new Dictionary<string, string>
        {
            ["index.html"] = $"<html><link href=\"/assets/site.c0ffee{version:x2}.css\">v{version}</html>",
            [$"assets/site.c0ffee{version:x2}.css"] = $"h1 {{ order: {version}; }}",
            ["about.html"] = "<html>about</html>",
        };
        if (version == 2)
        {
            files["only-in-2.txt"] = "two";
        }

        return files;
    }

    [Fact]
    public async Task Handle_NoTarget_RestoresPreviousReleaseFilesAndPointer()
    {
        var ct = TestTimeout.Token();
        await using var harness = await PublishHarness.StartAsync(ct);
        await harness.PublishAsync(Site, "job-1", 1, Release(1), ct);
        await harness.PublishAsync(Site, "job-2", 2, Release(2), ct);
        await harness.PublishAsync(Site, "job-3", 3, Release(3), ct);

        var result = await harness.Rollback.HandleAsync(new RollbackRequested("m-1", Site, null), ct);

        Assert.Equal("job-2", result.JobId);
        Assert.Equal(0, result.BlobsUploaded);
        var served = await harness.ReadSiteAsync(Site, ct);
        Assert.Equal(Release(2)["index.html"], served["index.html"]);
        Assert.Equal("two", served["only-in-2.txt"]);
        var pointer = await harness.Releases.GetPointerAsync(Site, ct);
        Assert.Equal(("job-2", 2L, 3L, "rollback"), (pointer!.JobId, pointer.SiteSequence, pointer.HighestSequence, pointer.Reason));
    }

    [Fact]
    public async Task Handle_NamedKeptRelease_RestoresItAndRemovesFilesOnlyNewerOnesNeed()
    {
        var ct = TestTimeout.Token();
        await using var harness = await PublishHarness.StartAsync(new Dictionary<string, string?> { ["Publish:KeepReleases"] = "3" }, ct);
        await harness.PublishAsync(Site, "job-1", 1, Release(1), ct);
        await harness.PublishAsync(Site, "job-2", 2, Release(2), ct);
        await harness.PublishAsync(Site, "job-3", 3, Release(3), ct);

        await harness.Rollback.HandleAsync(new RollbackRequested("m-1", Site, "job-1"), ct);

        var served = await harness.ReadSiteAsync(Site, ct);
        Assert.Equal(Release(1)["index.html"], served["index.html"]);
        Assert.Equal(Release(1)["assets/site.c0ffee01.css"], served["assets/site.c0ffee01.css"]);
        // Release 2 is still kept, so its file stays for pages already open; nothing is lost.
        Assert.Contains("only-in-2.txt", served.Keys);
    }

    [Fact]
    public async Task Handle_ThenRedeliveredNewerPublish_IsRefusedSoTheRollbackStands()
    {
        var ct = TestTimeout.Token();
        await using var harness = await PublishHarness.StartAsync(ct);
        await harness.PublishAsync(Site, "job-1", 1, Release(1), ct);
        await harness.PublishAsync(Site, "job-2", 2, Release(2), ct);
        await harness.Rollback.HandleAsync(new RollbackRequested("m-1", Site, null), ct);

        var ex = await Assert.ThrowsAsync<StageFailedException>(() => harness.PublishAsync(Site, "job-2", 2, Release(2), ct));

        Assert.Equal(PublishErrorCodes.SupersededRelease, ex.Code);
        Assert.Equal(Release(1)["index.html"], (await harness.ReadSiteAsync(Site, ct))["index.html"]);
    }

    [Fact]
    public async Task Handle_PrunedOrUnknownRelease_FailsReleaseNotFound()
    {
        var ct = TestTimeout.Token();
        await using var harness = await PublishHarness.StartAsync(new Dictionary<string, string?> { ["Publish:KeepReleases"] = "2" }, ct);
        await harness.PublishAsync(Site, "job-1", 1, Release(1), ct);
        await harness.PublishAsync(Site, "job-2", 2, Release(2), ct);
        await harness.PublishAsync(Site, "job-3", 3, Release(3), ct);

        var pruned = await Assert.ThrowsAsync<StageFailedException>(() => harness.Rollback.HandleAsync(new RollbackRequested("m-1", Site, "job-1"), ct));
        var noSite = await Assert.ThrowsAsync<StageFailedException>(() => harness.Rollback.HandleAsync(new RollbackRequested("m-2", "never-published", null), ct));

        Assert.Equal(PublishErrorCodes.ReleaseNotFound, pruned.Code);
        Assert.Equal(PublishErrorCodes.ReleaseNotFound, noSite.Code);
    }

    [Fact]
    public async Task Handle_OldestLive_FailsReleaseNotFound()
    {
        var ct = TestTimeout.Token();
        await using var harness = await PublishHarness.StartAsync(ct);
        await harness.PublishAsync(Site, "job-1", 1, Release(1), ct);

        var ex = await Assert.ThrowsAsync<StageFailedException>(() => harness.Rollback.HandleAsync(new RollbackRequested("m-1", Site, null), ct));

        Assert.Equal(PublishErrorCodes.ReleaseNotFound, ex.Code);
    }
}
