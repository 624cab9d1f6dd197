using System.Globalization;
using System.Xml.Linq;
using Orchestrator.Storage.Signing;

namespace Orchestrator.Storage.Oss;

public sealed partial class OssClient
{
    private const string MetaPrefix = "x-oss-meta-";

    public async Task<ObjectContent> GetAsync(string bucket, string key, GetOptions? options, CancellationToken cancellationToken)
    {
        var request = new OssRequest(HttpMethod.Get, bucket, key);
        if (options is not null)
        {
            if (options.RangeStart is not null || options.RangeEnd is not null)
            {
                request.Headers["Range"] = $"bytes={options.RangeStart ?? 0}-{options.RangeEnd?.ToString(CultureInfo.InvariantCulture)}";
            }

            if (options.IfMatch is not null)
            {
                request.Headers["If-Match"] = options.IfMatch;
            }

            if (options.IfNoneMatch is not null)
            {
                request.Headers["If-None-Match"] = options.IfNoneMatch;
            }
        }

        var response = await SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            return new ObjectContent(ReadMetadata(key, response), stream, response);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    public async Task<ObjectMetadata?> HeadAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await SendAsync(new OssRequest(HttpMethod.Head, bucket, key), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return ReadMetadata(key, response);
        }
        catch (ObjectNotFoundException e) when (e.OssCode == "NoSuchKey")
        {
            return null;
        }
    }

    public async Task<PutResult> CopyAsync(string sourceBucket, string sourceKey, string bucket, string key, CopyOptions? options, CancellationToken cancellationToken)
    {
        options ??= new CopyOptions();
        var request = new OssRequest(HttpMethod.Put, bucket, key);
        request.Headers["x-oss-copy-source"] = "/" + sourceBucket + "/" + OssEncoding.Encode(sourceKey, keepSlash: true);
        request.Headers["x-oss-metadata-directive"] = options.ReplaceMetadata ? "REPLACE" : "COPY";
        if (options.ReplaceMetadata)
        {
            AddObjectHeaders(request, options.ContentType, options.CacheControl, options.Metadata);
        }

        if (options.ForbidOverwrite)
        {
            request.Headers["x-oss-forbid-overwrite"] = "true";
        }

        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var document = await ReadXmlAsync(response, cancellationToken);
        var etag = document.Root?.Element("ETag")?.Value ?? response.Headers.ETag?.Tag ?? string.Empty;
        return new PutResult(etag, RequestIdOf(response));
    }

    public async Task DeleteAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await SendAsync(new OssRequest(HttpMethod.Delete, bucket, key), HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (ObjectNotFoundException e) when (e.OssCode == "NoSuchKey")
        {
            // OSS answers 204 for a missing key; a server that says 404 means the same thing.
        }
    }

    private static void AddObjectHeaders(OssRequest request, string? contentType, string? cacheControl, IReadOnlyDictionary<string, string> metadata)
    {
        if (contentType is not null)
        {
            request.Headers["Content-Type"] = contentType;
        }

        if (cacheControl is not null)
        {
            request.Headers["Cache-Control"] = cacheControl;
        }

        foreach (var (name, value) in metadata)
        {
            request.Headers[MetaPrefix + name.ToLowerInvariant()] = value;
        }
    }

    private static ObjectMetadata ReadMetadata(string key, HttpResponseMessage response)
    {
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (name.StartsWith(MetaPrefix, StringComparison.OrdinalIgnoreCase))
            {
                meta[name[MetaPrefix.Length..].ToLowerInvariant()] = string.Join(',', values);
            }
        }

        return new ObjectMetadata(
            key,
            response.Content.Headers.ContentLength ?? 0,
            response.Headers.ETag?.Tag ?? (response.Headers.TryGetValues("ETag", out var etags) ? etags.First() : string.Empty),
            response.Content.Headers.LastModified ?? DateTimeOffset.MinValue,
            response.Content.Headers.ContentType?.ToString(),
            response.Headers.CacheControl?.ToString(),
            meta);
    }

    private static string? RequestIdOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-oss-request-id", out var ids) ? ids.FirstOrDefault() : null;

    private static async Task<XDocument> ReadXmlAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await XDocument.LoadAsync(stream, LoadOptions.None, cancellationToken);
    }
}
