using System.Net;
using System.Text;
using System.Text.Json;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Sites;
using Orchestrator.TestSupport;

namespace Orchestrator.Storage.Tests.Server;

/// <summary>Sites at their own origin (<c>http://&lt;site&gt;.localhost:P/</c>), answered over real HTTP by the site's routing.</summary>
public sealed class SiteOriginTests : IAsyncLifetime
{
    private const string Site = "vite-app";
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false });
    private LocalOss _oss = null!;

    public async Task InitializeAsync()
    {
        _oss = await LocalOss.StartAsync(configure: o => new Tools.OssServer.Hosting.LocalOssServerOptions
        {
            DataDirectory = o.DataDirectory,
            Buckets = o.Buckets,
            SiteBucket = o.Buckets[0],
        }, cancellationToken: _timeout.Token);
        await PutAsync("index.html", "<script type=module src=\"/assets/index-wez_X351.js\"></script>", "text/html");
        await PutAsync("assets/index-wez_X351.js", "document.title='ran'", "text/javascript");
        await PutAsync("about.html", "<p>about</p>", "text/html");
        await PutAsync("docs/index.html", "<p>docs</p>", "text/html");
        await PutAsync("404.html", "<p>custom 404</p>", "text/html");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _oss.DisposeAsync();
        _timeout.Dispose();
    }

    [Fact]
    public async Task SiteOrigin_AbsoluteAssetPath_ResolvesToTheSitesAsset()
    {
        await PutRoutingAsync(new SiteRouting());

        using var page = await GetAsync("/");
        using var asset = await GetAsync("/assets/index-wez_X351.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("/assets/index-wez_X351.js", await page.Content.ReadAsStringAsync(_timeout.Token), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.Equal("text/javascript", asset.Content.Headers.ContentType?.MediaType);
        Assert.Equal("document.title='ran'", await asset.Content.ReadAsStringAsync(_timeout.Token));
    }

    [Fact]
    public async Task SiteOrigin_NoRoutingDocument_ServesFilesFoldersAndTheErrorDocument()
    {
        using var docs = await GetAsync("/docs/");
        using var missing = await GetAsync("/nowhere");

        Assert.Equal("<p>docs</p>", await docs.Content.ReadAsStringAsync(_timeout.Token));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("<p>custom 404</p>", await missing.Content.ReadAsStringAsync(_timeout.Token));
    }

    [Fact]
    public async Task SiteOrigin_Redirects_AnswerTheirStatusWithLocationAndKeepTheQuery()
    {
        await PutRoutingAsync(new SiteRouting
        {
            Redirects =
            [
                new RedirectRule("/blog/:year/*", "/news/:year/:splat", 301, Force: false),
                new RedirectRule("/docs/", "https://docs.example.com/", 302, Force: true),
                new RedirectRule("/old", "/about.html", 302, Force: false),
            ],
        });

        using var blog = await GetAsync("/blog/2024/a/b?ref=x");
        using var forced = await GetAsync("/docs/");
        using var old = await GetAsync("/old");

        Assert.Equal(HttpStatusCode.MovedPermanently, blog.StatusCode);
        Assert.Equal("/news/2024/a/b?ref=x", blog.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Found, forced.StatusCode);
        Assert.Equal("https://docs.example.com/", forced.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Found, old.StatusCode);
    }

    [Fact]
    public async Task SiteOrigin_SpaFallback_ServesIndexForAnUnknownRouteButAMissingAssetStill404s()
    {
        await PutRoutingAsync(new SiteRouting { SpaFallback = "/index.html", Headers = [new HeaderRule("/*", new Dictionary<string, string> { ["X-Frame-Options"] = "DENY" })] });

        using var route = await GetAsync("/settings/profile");
        using var asset = await GetAsync("/assets/gone-1234abcd.js");
        using var file = await GetAsync("/about.html");

        Assert.Equal(HttpStatusCode.OK, route.StatusCode);
        Assert.Contains("index-wez_X351.js", await route.Content.ReadAsStringAsync(_timeout.Token), StringComparison.Ordinal);
        Assert.Equal("DENY", route.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal(HttpStatusCode.NotFound, asset.StatusCode);
        Assert.Equal("<p>about</p>", await file.Content.ReadAsStringAsync(_timeout.Token));
    }

    [Fact]
    public async Task SiteOrigin_CleanUrlsAndTrailingSlash_RedirectToTheCanonicalPathAndServeIt()
    {
        await PutRoutingAsync(new SiteRouting { CleanUrls = true, TrailingSlash = false });

        using var withHtml = await GetAsync("/about.html");
        using var clean = await GetAsync("/about");
        using var slashed = await GetAsync("/docs/");
        using var docs = await GetAsync("/docs");

        Assert.Equal((HttpStatusCode.PermanentRedirect, "/about"), (withHtml.StatusCode, withHtml.Headers.Location?.OriginalString));
        Assert.Equal("<p>about</p>", await clean.Content.ReadAsStringAsync(_timeout.Token));
        Assert.Equal((HttpStatusCode.PermanentRedirect, "/docs"), (slashed.StatusCode, slashed.Headers.Location?.OriginalString));
        Assert.Equal("<p>docs</p>", await docs.Content.ReadAsStringAsync(_timeout.Token));
    }

    [Fact]
    public async Task SiteOrigin_RewriteRule_ServesItsTargetUnderTheAskedPath()
    {
        await PutRoutingAsync(new SiteRouting { Redirects = [new RedirectRule("/app/*", "/index.html", 200, Force: false)] });

        using var rewritten = await GetAsync("/app/anything.js");

        Assert.Equal(HttpStatusCode.OK, rewritten.StatusCode);
        Assert.Contains("index-wez_X351.js", await rewritten.Content.ReadAsStringAsync(_timeout.Token), StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> GetAsync(string path)
    {
        // Connect to loopback and name the site in Host, as a browser resolving <site>.localhost does.
        var origin = _oss.Server.SiteOrigin(Site);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_oss.Server.Endpoint, path));
        request.Headers.Host = origin.Authority;
        return await _http.SendAsync(request, _timeout.Token);
    }

    private async Task PutAsync(string path, string content, string contentType)
    {
        using var body = new MemoryStream(Encoding.UTF8.GetBytes(content));
        await _oss.Store.PutAsync(_oss.Bucket, ObjectKeys.SitePrefix(Site) + path, body, new PutOptions { ContentType = contentType }, _timeout.Token);
    }

    private async Task PutRoutingAsync(SiteRouting routing)
    {
        using var body = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(routing, SiteRoutingJsonContext.Default.SiteRouting));
        await _oss.Store.PutAsync(_oss.Bucket, ObjectKeys.SiteRouting(Site), body, null, _timeout.Token);
    }
}
