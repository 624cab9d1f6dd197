using Orchestrator.Functions.Publish.Content;

namespace Orchestrator.Functions.Publish.Tests;

public sealed class ContentTypesTests
{
    [Theory]
    [InlineData("index.html", "text/html; charset=utf-8")]
    [InlineData("docs/page.HTM", "text/html; charset=utf-8")]
    [InlineData("assets/app.3f9a1c2b.css", "text/css; charset=utf-8")]
    [InlineData("assets/app.js", "text/javascript; charset=utf-8")]
    [InlineData("assets/chunk.mjs", "text/javascript; charset=utf-8")]
    [InlineData("data.json", "application/json; charset=utf-8")]
    [InlineData("assets/app.js.map", "application/json; charset=utf-8")]
    [InlineData("logo.svg", "image/svg+xml; charset=utf-8")]
    [InlineData("a.png", "image/png")]
    [InlineData("a.jpg", "image/jpeg")]
    [InlineData("a.jpeg", "image/jpeg")]
    [InlineData("a.webp", "image/webp")]
    [InlineData("a.avif", "image/avif")]
    [InlineData("a.gif", "image/gif")]
    [InlineData("favicon.ico", "image/x-icon")]
    [InlineData("f.woff", "font/woff")]
    [InlineData("f.woff2", "font/woff2")]
    [InlineData("f.ttf", "font/ttf")]
    [InlineData("f.otf", "font/otf")]
    [InlineData("m.wasm", "application/wasm")]
    [InlineData("robots.txt", "text/plain; charset=utf-8")]
    [InlineData("sitemap.xml", "application/xml; charset=utf-8")]
    [InlineData("site.webmanifest", "application/manifest+json; charset=utf-8")]
    [InlineData("paper.pdf", "application/pdf")]
    [InlineData("clip.mp4", "video/mp4")]
    [InlineData("clip.webm", "video/webm")]
    public void For_KnownExtension_ReturnsBrowserType(string path, string expected) =>
        Assert.Equal(expected, ContentTypes.For(path));

    [Theory]
    [InlineData("LICENSE")]
    [InlineData("archive.unknownext")]
    [InlineData(".htaccess")]
    [InlineData("dir.v2/file")]
    [InlineData("trailing.")]
    public void For_UnknownOrMissingExtension_ReturnsOctetStream(string path) =>
        Assert.Equal("application/octet-stream", ContentTypes.For(path));

    [Theory]
    [InlineData("index.html", true)]
    [InlineData("a/b/page.htm", true)]
    [InlineData("html/app.js", false)]
    [InlineData("index.html.map", false)]
    public void IsHtml_Path_ByExtensionOnly(string path, bool expected) =>
        Assert.Equal(expected, ContentTypes.IsHtml(path));
}
