using System.Net;
using System.Text.RegularExpressions;
using Orchestrator.Functions.Initialize.Tests.Support;

namespace Orchestrator.Functions.Initialize.Tests.Api;

public sealed partial class StatusPageTests : ApiTestBase
{
    [Fact]
    public async Task Page_Root_IsOneSelfContainedHtmlFileUnderAStrictPolicy()
    {
        using var client = Host.Client();

        using var response = await client.GetAsync(new Uri("", UriKind.Relative), Timeout);
        var html = await response.Content.ReadAsStringAsync(Timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"viewport\"", html, StringComparison.Ordinal);
        // No external assets: nothing loaded by src=, href= or @import from anywhere else.
        Assert.Empty(ExternalReference().Matches(html));
        Assert.Contains("sessionStorage", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("""(src|href)\s*=\s*["']?(https?:)?//|@import|<link\b""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
