using Orchestrator.Contracts.Jobs;
using Orchestrator.Functions.Publish.Tests.Support;

namespace Orchestrator.Functions.Publish.Tests;

public sealed class NoBrokenMomentTests
{
    private const string Site = "live";
    private static readonly string[] Pages = ["index.html", "docs/index.html", "blog/post.html"];

    /// <summary>A release whose pages all point at assets named for this version (as a bundler names them).</summary>
    private static Dictionary<string, string> Release(int version)
    {
        var files = new Dictionary<string, string>();
        var references = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            var asset = $"assets/chunk{i}.{version:x2}a{i:x2}beef.js";
            files[asset] = $"export const v = {version};";
            references.Add($"<script src=\"/{asset}\"></script>");
        }

        files[$"assets/style.{version:x2}c0ffee.css"] = $"body {{ order: {version} }}";
        references.Add($"<link rel=\"stylesheet\" href=\"/assets/style.{version:x2}c0ffee.css\">");
        foreach (var page in Pages)
        {
            files[page] = $"<html><head>{string.Join("", references)}</head><body>{page} v{version}</body></html>";
        }

        return files;
    }

    [Fact]
    public async Task PublishDirectory_ReaderPollingDuringPublishes_NeverSeesHtmlPointingToMissingAsset()
    {
        var ct = TestTimeout.Token(90);
        await using var harness = await PublishHarness.StartAsync(new Dictionary<string, string?> { ["Publish:MaxParallelism"] = "4" }, ct);
        await harness.PublishAsync(Site, "job-1", 1, Release(1), ct);
        var reader = new SiteReader(harness.Store, PublishHarness.SiteBucket, Site);
        var broken = new List<string>();
        var rounds = 0;

        var publishing = Task.Run(
            async () =>
            {
                for (var version = 2; version <= 8; version++)
                {
                    await harness.PublishAsync(Site, $"job-{version}", version, Release(version), ct);
                }
            },
            ct);
        while (!publishing.IsCompleted || rounds == 0)
        {
            broken.AddRange(await reader.FindBrokenReferencesAsync(Pages, ct));
            rounds++;
        }

        await publishing;
        Assert.Empty(broken);
        Assert.True(reader.ReferencesChecked > 0);
        Assert.Equal(Release(8)["index.html"], await harness.ReadTextAsync(PublishHarness.SiteBucket, ObjectKeys.SitePrefix(Site) + "index.html", ct));
    }

    [Fact]
    public async Task FindBrokenReferences_HtmlPointingToMissingAsset_ReportsIt()
    {
        var ct = TestTimeout.Token();
        await using var harness = await PublishHarness.StartAsync(ct);
        var files = Release(1);
        files.Remove("assets/chunk3.01a03beef.js");
        await harness.PublishAsync(Site, "job-1", 1, files, ct);

        var broken = await new SiteReader(harness.Store, PublishHarness.SiteBucket, Site).FindBrokenReferencesAsync(Pages, ct);

        Assert.Equal(Pages.Length, broken.Count);
        Assert.All(broken, b => Assert.EndsWith("-> assets/chunk3.01a03beef.js", b, StringComparison.Ordinal));
    }
}
