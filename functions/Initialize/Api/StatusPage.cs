
namespace Orchestrator.Functions.Initialize.Api;

/// <summary>
/// The status web page: one self-contained HTML file (Web/status.html) embedded in the assembly, served with a
/// policy that allows nothing from outside the page and this API.
/// </summary>
internal static class StatusPage
{
    private const string ResourceName = "Orchestrator.StatusPage.html";

    private const string Policy =
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; " +
        "img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly Lazy<byte[]> Html = new(Load);

    public static IResult Serve(HttpContext http)
    {
        http.Response.Headers.ContentSecurityPolicy = Policy;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "no-cache";
        return Results.Bytes(Html.Value, "text/html; charset=utf-8");
    }

    private static byte[] Load()
    {
        using var stream = typeof(StatusPage).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the status page resource '{ResourceName}' is missing from the build");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
