using Microsoft.AspNetCore.Http;

namespace Orchestrator.Tools.OssServer.Api;

internal sealed partial class OssApi
{
    /// <summary>
    /// Anonymous static-website reads: <c>GET /-/website/&lt;bucket&gt;/&lt;path&gt;</c>. A path ending in '/' (or naming a
    /// folder) serves its <c>index.html</c>, as OSS static hosting does. No signature is needed: this is how a browser
    /// sees a published site. ('-' cannot start a bucket name, so this never shadows a bucket.)
    /// </summary>
    private async Task ServeWebsiteAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            throw new OssErrorException(405, "MethodNotAllowed", "The website endpoint only serves GET and HEAD.");
        }

        var rest = (http.Request.Path.Value ?? string.Empty)[WebsitePrefix.Length..];
        var slash = rest.IndexOf('/');
        var bucketName = slash >= 0 ? rest[..slash] : rest;
        var path = slash >= 0 ? rest[(slash + 1)..] : string.Empty;
        var bucket = store.Bucket(bucketName);
        var candidates = path.Length == 0 || path.EndsWith('/')
            ? new[] { path + "index.html" }
            : new[] { path, path + "/index.html" };
        var record = candidates.Select(bucket.Find).FirstOrDefault(r => r is not null);
        if (record is null)
        {
            http.Response.StatusCode = 404;
            http.Response.ContentType = "text/html; charset=utf-8";
            await http.Response.WriteAsync("<!doctype html><title>404 Not Found</title><h1>404 Not Found</h1>", cancellationToken);
            return;
        }

        await using var file = bucket.OpenRead(record);
        WriteObjectHeaders(http.Response, record);
        http.Response.ContentLength = record.Size;
        if (HttpMethods.IsGet(http.Request.Method))
        {
            await CopyAsync(file, http.Response.Body, record.Size, cancellationToken);
        }
    }
}
