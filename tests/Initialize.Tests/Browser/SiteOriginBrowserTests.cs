using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Sites;
using Orchestrator.Storage;
using Orchestrator.TestSupport;
using Orchestrator.Tools.OssServer.Hosting;

namespace Orchestrator.Functions.Initialize.Tests.Browser;

/// <summary>
/// A built single-page app as Vite writes it (an absolute <c>/assets/…</c> script path) loaded in Chromium from the
/// site's own origin on the local OSS server: the script resolves and runs, on the root and on a deep route.
/// </summary>
public sealed class SiteOriginBrowserTests
{
    private const string Site = "vite-app";

    [Fact]
    public async Task SiteOrigin_BuiltAppWithAbsoluteAssetPath_RunsItsJavaScriptOnRootAndDeepRoute()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var cancellationToken = timeout.Token;
        await using var oss = await LocalOss.StartAsync(configure: o => new LocalOssServerOptions { DataDirectory = o.DataDirectory, Buckets = o.Buckets, SiteBucket = o.Buckets[0] }, cancellationToken: cancellationToken);
        await PutAsync(oss, ObjectKeys.SitePrefix(Site) + "index.html", "<!doctype html><html><head><script type=\"module\" src=\"/assets/index-wez_X351.js\"></script></head><body><div id=\"app\">not run</div></body></html>", "text/html; charset=utf-8", cancellationToken);
        await PutAsync(oss, ObjectKeys.SitePrefix(Site) + "assets/index-wez_X351.js", "document.getElementById('app').textContent = 'ran at ' + location.pathname;", "text/javascript; charset=utf-8", cancellationToken);
        await PutAsync(oss, ObjectKeys.SiteRouting(Site), JsonSerializer.Serialize(new SiteRouting { SpaFallback = "/index.html" }, SiteRoutingJsonContext.Default.SiteRouting), "application/json", cancellationToken);
        await using var browser = await Support.Browser.LaunchAsync();
        var page = await browser.Chromium.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        Assertions.SetDefaultExpectTimeout(30_000);
        var origin = oss.Server.SiteOrigin(Site);

        var root = await page.GotoAsync(origin.ToString());
        Assert.Equal(200, root!.Status);
        await Assertions.Expect(page.Locator("#app")).ToHaveTextAsync("ran at /");

        var deep = await page.GotoAsync(new Uri(origin, "/settings/profile").ToString());
        Assert.Equal(200, deep!.Status);
        await Assertions.Expect(page.Locator("#app")).ToHaveTextAsync("ran at /settings/profile");
    }

    private static async Task PutAsync(LocalOss oss, string key, string content, string contentType, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(Encoding.UTF8.GetBytes(content));
        await oss.Store.PutAsync(oss.Bucket, key, body, new PutOptions { ContentType = contentType }, cancellationToken);
    }
}
