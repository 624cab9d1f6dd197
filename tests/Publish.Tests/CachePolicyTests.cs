using Orchestrator.Functions.Publish.Content;
using Orchestrator.Functions.Publish.Options;

namespace Orchestrator.Functions.Publish.Tests;

public sealed class CachePolicyTests
{
    private const string Immutable = "public, max-age=31536000, immutable";

    private static readonly CachePolicy Policy = new(new PublishOptions());

    [Theory]
    [InlineData("assets/app.3f9a1c2b.js")]
    [InlineData("assets/index-4b1e9c7a.css")]
    [InlineData("static/js/main.8e2f0a1c9d3b4f5e6a7b.chunk.js")]
    [InlineData("assets/logo.a1b2c3d4e5.svg")]
    [InlineData("assets/vendor-Bq3x9zLp.js")]
    [InlineData("fonts/inter.k7m2p9q4.woff2")]
    public void For_ContentHashedName_IsImmutable(string path) =>
        Assert.Equal(Immutable, Policy.For(path));

    [Theory]
    [InlineData("index.html")]
    [InlineData("about/index.3f9a1c2b.html")]
    [InlineData("assets/app.js")]
    [InlineData("assets/bootstrap.min.css")]
    [InlineData("images/background.png")]
    [InlineData("reports/report.20240101.pdf")]
    [InlineData("assets/app.3f9a1c.js")]
    [InlineData("robots.txt")]
    [InlineData("deadbeefcafe")]
    public void For_HtmlOrUnhashedName_IsNoCache(string path) =>
        Assert.Equal("no-cache", Policy.For(path));

    [Fact]
    public void For_ConfiguredValues_AreUsed()
    {
        var policy = new CachePolicy(new PublishOptions { HashedCacheControl = "max-age=60", UnhashedCacheControl = "max-age=0, must-revalidate" });

        Assert.Equal("max-age=60", policy.For("app.3f9a1c2b.js"));
        Assert.Equal("max-age=0, must-revalidate", policy.For("index.html"));
    }
}
