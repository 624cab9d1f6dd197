using System.Text.Json;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Contracts.Sites;
using Orchestrator.Functions.Publish.Tests.Support;

namespace Orchestrator.Functions.Publish.Tests;

public sealed class SiteRoutingPublishTests
{
    private const string Site = "spa";

    private static readonly Dictionary<string, string> Files = new()
    {
        ["index.html"] = "<html><script src=\"/assets/app.js\"></script></html>",
        ["assets/app.js"] = "console.log(1);",
        ["docs/index.html"] = "<p>docs</p>",
        ["data.bin"] = "raw",
    };

    private static readonly SiteRouting Routing = new()
    {
        SpaFallback = "/index.html",
        Redirects = [new RedirectRule("/old/*", "/new/:splat", 301, Force: false)],
        Headers =
        [
            new HeaderRule("/*", new Dictionary<string, string> { ["X-Frame-Options"] = "DENY" }),
            new HeaderRule("/assets/*", new Dictionary<string, string> { ["Cache-Control"] = "public, max-age=600", ["x-oss-meta-team"] = "web" }),
            new HeaderRule("/data.bin", new Dictionary<string, string> { ["Content-Type"] = "application/x-custom" }),
            new HeaderRule("/docs/", new Dictionary<string, string> { ["Cache-Control"] = "public, max-age=5" }),
        ],
    };

    [Fact]
    public async Task PublishDirectory_HeaderRules_BecomeObjectHeadersWhereOssHoldsThem()
    {
        var ct = TestTimeout.Token();
        await using var harness = await PublishHarness.StartAsync(ct);

        await harness.PublishAsync(Site, "job-1", 1, Files, Routing, ct);

        var app = await HeadAsync(harness, "assets/app.js", ct);
        Assert.Equal("public, max-age=600", app.CacheControl);
        Assert.Equal("web", app.Metadata["team"]);
        Assert.Equal("application/x-custom", (await HeadAsync(harness, "data.bin", ct)).ContentType);
        Assert.Equal("public, max-age=5", (await HeadAsync(harness, "docs/index.html", ct)).CacheControl);
        Assert.Equal("no-cache", (await HeadAsync(harness, "index.html", ct)).CacheControl);
    }

    [Fact]
    public async Task PublishDirectory_Routing_IsStoredWithTheReleaseAndFollowsARollback()
    {
        var ct = TestTimeout.Token();
        await using var harness = await PublishHarness.StartAsync(ct);
        await harness.PublishAsync(Site, "job-1", 1, Files, Routing, ct);
        Assert.Equal("/index.html", (await ReadRoutingAsync(harness, ct)).SpaFallback);

        await harness.PublishAsync(Site, "job-2", 2, Files, null, ct);
        var plain = await ReadRoutingAsync(harness, ct);
        Assert.Null(plain.SpaFallback);
        Assert.Empty(plain.Redirects);

        await harness.Rollback.HandleAsync(new RollbackRequested("m-1", Site, "job-1"), ct);
        var restored = await ReadRoutingAsync(harness, ct);
        Assert.Equal("/index.html", restored.SpaFallback);
        Assert.Equal(Routing.Redirects, restored.Redirects);
        Assert.Equal("public, max-age=600", (await HeadAsync(harness, "assets/app.js", ct)).CacheControl);
    }

    [Fact]
    public async Task PublishDirectory_HeaderRuleChangedOnly_RewritesTheAffectedObjects()
    {
        var ct = TestTimeout.Token();
        await using var harness = await PublishHarness.StartAsync(ct);
        await harness.PublishAsync(Site, "job-1", 1, Files, Routing, ct);

        var result = await harness.PublishAsync(Site, "job-2", 2, Files, Routing with { Headers = [] }, ct);

        Assert.Equal(["assets/app.js", "data.bin", "docs/index.html"], result.UpdatedPaths);
        Assert.False((await HeadAsync(harness, "assets/app.js", ct)).Metadata.ContainsKey("team"));
    }

    private static async Task<Storage.ObjectMetadata> HeadAsync(PublishHarness harness, string path, CancellationToken ct) =>
        await harness.Store.HeadAsync(PublishHarness.SiteBucket, ObjectKeys.SitePrefix(Site) + path, ct) ?? throw new InvalidOperationException(path + " is not published");

    private static async Task<SiteRouting> ReadRoutingAsync(PublishHarness harness, CancellationToken ct) =>
        JsonSerializer.Deserialize(await harness.ReadTextAsync(PublishHarness.SiteBucket, ObjectKeys.SiteRouting(Site), ct), SiteRoutingJsonContext.Default.SiteRouting)!;
}
