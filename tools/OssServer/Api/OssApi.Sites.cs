using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Sites;
using Orchestrator.Tools.OssServer.Disk;
using Orchestrator.Tools.OssServer.Sites;

namespace Orchestrator.Tools.OssServer.Api;

internal sealed partial class OssApi
{
    private const string SiteHostSuffix = ".localhost";

    /// <summary>The site a <c>&lt;site&gt;.localhost</c> host names, or null for any other host (the OSS API's own).</summary>
    private static string? SiteHost(string host)
    {
        if (!host.EndsWith(SiteHostSuffix, StringComparison.OrdinalIgnoreCase) || host.Length == SiteHostSuffix.Length)
        {
            return null;
        }

        var site = host[..^SiteHostSuffix.Length];
        return site.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && !site.StartsWith('.') ? site : null;
    }

    /// <summary>
    /// A published site at its own origin: every path is the site's (so <c>/assets/app.js</c> is the site's asset, as
    /// on its own domain), answered by <see cref="SiteRouter"/> with the live release's routing and headers.
    /// </summary>
    private async Task ServeSiteAsync(HttpContext http, string bucketName, string site, CancellationToken cancellationToken)
    {
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            throw new OssErrorException(405, "MethodNotAllowed", "A site only serves GET and HEAD.");
        }

        var bucket = store.Bucket(bucketName);
        var routing = await ReadRoutingAsync(bucket, site, cancellationToken);
        var prefix = ObjectKeys.SitePrefix(site);
        var path = http.Request.Path.Value is { Length: > 0 } value ? value : "/";
        var answer = SiteRouter.Route(path, http.Request.QueryString.Value ?? string.Empty, routing, file => bucket.Find(prefix + file) is not null);

        foreach (var rule in routing.Headers.Where(rule => PathPattern.Parse(rule.For, out _).Match(path) is not null))
        {
            foreach (var (name, headerValue) in rule.Values)
            {
                http.Response.Headers[name] = headerValue;
            }
        }

        if (answer.Location is { } location)
        {
            http.Response.StatusCode = answer.Status;
            http.Response.Headers.Location = location;
            return;
        }

        if (answer.File is null || bucket.Find(prefix + answer.File) is not { } record)
        {
            http.Response.StatusCode = 404;
            http.Response.ContentType = "text/html; charset=utf-8";
            await http.Response.WriteAsync("<!doctype html><title>404 Not Found</title><h1>404 Not Found</h1>", cancellationToken);
            return;
        }

        http.Response.StatusCode = answer.Status;
        await using var file = bucket.OpenRead(record);
        WriteObjectHeaders(http.Response, record);
        http.Response.ContentLength = record.Size;
        if (HttpMethods.IsGet(http.Request.Method))
        {
            await CopyAsync(file, http.Response.Body, record.Size, cancellationToken);
        }
    }

    // The live release's routing, as Publish wrote it with the switch; a site published before routing existed gets the defaults.
    private static async Task<SiteRouting> ReadRoutingAsync(BucketStore bucket, string site, CancellationToken cancellationToken)
    {
        if (bucket.Find(ObjectKeys.SiteRouting(site)) is not { } record)
        {
            return new SiteRouting();
        }

        await using var stream = bucket.OpenRead(record);
        try
        {
            return await JsonSerializer.DeserializeAsync(stream, SiteRoutingJsonContext.Default.SiteRouting, cancellationToken) ?? new SiteRouting();
        }
        catch (JsonException ex)
        {
            throw new OssErrorException(500, "InvalidSiteRouting", $"The routing of site {site} is not valid: {ex.Message}");
        }
    }
}
