using Orchestrator.Functions.Publish.Content;
using Orchestrator.Functions.Publish.Options;
using Orchestrator.Functions.Publish.Releases;
using Orchestrator.TestSupport;

namespace Orchestrator.Functions.Publish.Tests;

public sealed class CachePolicyTests
{
    private const string Immutable = "public, max-age=31536000, immutable";
    private const string Sha = "aa";

    private static readonly CachePolicy Policy = new(new PublishOptions());

    [Theory]
    [InlineData("assets/app.3f9a1c2b.js")]
    [InlineData("assets/index-4b1e9c7a.css")]
    [InlineData("static/js/main.8e2f0a1c9d3b4f5e6a7b.chunk.js")]
    [InlineData("assets/logo.a1b2c3d4e5.svg")]
    [InlineData("assets/vendor-Bq3x9zLp.js")]
    [InlineData("fonts/inter.k7m2p9q4.woff2")]
    [InlineData("assets/index-wez_X351.js")] // Rollup 4 / Vite 5+: base64url, '_' and '-' included
    [InlineData("assets/index-CsUDhMuy.css")]
    [InlineData("assets/react-CHdo91hT.svg")] // a real Vite 8 + React build: hero-CLDdwZDr.png, index-C1aSjDV5.js, …
    [InlineData("assets/hero-CLDdwZDr.png")]
    [InlineData("assets/index-C1aSjDV5.js")]
    [InlineData("assets/index-D64VDMd1.css")]
    [InlineData("assets/vite-BF8QNONU.svg")]
    [InlineData("assets/index-D-Wm7xYq.js")]
    [InlineData("_astro/Layout.astro_astro_type_script_index_0_lang.BkPvXiwT.js")]
    [InlineData("_next/static/chunks/021xd-vbmt27t.js")] // Next.js: every file under _next/static/ is immutable
    [InlineData("_next/static/Fq0Zk2b1_Rm9GZ6Tq7hpK/_buildManifest.js")]
    [InlineData("_app/immutable/entry/start.Bx1Ue2kk.js")]
    public void For_ContentHashedName_IsImmutable(string path) =>
        Assert.Equal(Immutable, Policy.For(path, Sha, BuildAssetHints.None, live: null));

    [Theory]
    [InlineData("index.html")]
    [InlineData("about/index.3f9a1c2b.html")]
    [InlineData("_next/static/chunks/pages/index.html")]
    [InlineData("assets/app.js")]
    [InlineData("assets/bootstrap.min.css")]
    [InlineData("images/background.png")]
    [InlineData("reports/report.20240101.pdf")]
    [InlineData("assets/app.3f9a1c.js")]
    [InlineData("robots.txt")]
    [InlineData("deadbeefcafe")]
    [InlineData("components/Card-Headline.js")] // words in any case style are not hashes
    [InlineData("components/ui-HTMLView.js")]
    [InlineData("hooks/react-useState.js")]
    [InlineData("vite.svg")]
    [InlineData("favicon.svg")]
    [InlineData("icons.svg")]
    [InlineData("lib/chart.strength.js")]
    [InlineData("lib/grid-dataGrid.js")]
    [InlineData("assets/my-component-Button.js")]
    [InlineData("assets/app-my_utils.js")]
    [InlineData("_nuxt/builds/latest.json")]
    public void For_HtmlOrUnhashedName_IsNoCache(string path) =>
        Assert.Equal("no-cache", Policy.For(path, Sha, BuildAssetHints.None, live: null));

    [Fact]
    public void For_ConfiguredValues_AreUsed()
    {
        var policy = new CachePolicy(new PublishOptions { HashedCacheControl = "max-age=60", UnhashedCacheControl = "max-age=0, must-revalidate" });

        Assert.Equal("max-age=60", policy.For("app.3f9a1c2b.js", Sha, BuildAssetHints.None, live: null));
        Assert.Equal("max-age=0, must-revalidate", policy.For("index.html", Sha, BuildAssetHints.None, live: null));
    }

    [Fact]
    public void For_HashedLookingPathTheLiveReleaseServesWithOtherContent_IsNoCache()
    {
        var live = new ReleaseManifest("site", "job-1", 1, DateTimeOffset.UnixEpoch, new Dictionary<string, ReleaseFile>
        {
            ["assets/app.3f9a1c2b.js"] = new("bb", 1, "text/javascript", Immutable),
            ["assets/index-CsUDhMuy.css"] = new(Sha, 1, "text/css", Immutable),
        });

        Assert.Equal("no-cache", Policy.For("assets/app.3f9a1c2b.js", Sha, BuildAssetHints.None, live));
        Assert.Equal(Immutable, Policy.For("assets/index-CsUDhMuy.css", Sha, BuildAssetHints.None, live));
    }

    [Fact]
    public async Task For_ViteManifestDeclaresAWordLikeHash_IsImmutableOnlyForTheFilesItLists()
    {
        using var output = new TempDirectory("vite-manifest");
        Directory.CreateDirectory(Path.Combine(output.Path, ".vite"));
        await File.WriteAllTextAsync(Path.Combine(output.Path, BuildAssetHints.ViteManifestPath), """
            {
              "index.html": { "file": "assets/index-Headline.js", "name": "index", "src": "index.html", "isEntry": true,
                              "css": ["assets/index-HTMLView.css"], "assets": ["assets/logo-Abcdefgh.svg"] }
            }
            """);

        var hints = await BuildAssetHints.ReadAsync(output.Path, CancellationToken.None);

        Assert.Equal(Immutable, Policy.For("assets/index-Headline.js", Sha, hints, live: null));
        Assert.Equal(Immutable, Policy.For("assets/index-HTMLView.css", Sha, hints, live: null));
        Assert.Equal(Immutable, Policy.For("assets/logo-Abcdefgh.svg", Sha, hints, live: null));
        Assert.Equal("no-cache", Policy.For("assets/other-Headline.js", Sha, hints, live: null));
        Assert.Equal("no-cache", Policy.For("index.html", Sha, hints, live: null));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("""{"x": {"file": 3, "css": "no"}}""")]
    public async Task ReadAsync_ManifestNotViteShaped_NoHintsAndNoError(string text)
    {
        using var output = new TempDirectory("vite-manifest");
        Directory.CreateDirectory(Path.Combine(output.Path, ".vite"));
        await File.WriteAllTextAsync(Path.Combine(output.Path, BuildAssetHints.ViteManifestPath), text);

        var hints = await BuildAssetHints.ReadAsync(output.Path, CancellationToken.None);

        Assert.False(hints.DeclaredHashed("assets/index-Headline.js"));
    }
}
