using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Orchestrator.Storage.Signing;

namespace Orchestrator.Tools.OssServer.Api;

/// <summary>One parsed path-style request: bucket and key decoded from the raw target, the decoded query, the headers.</summary>
internal sealed class OssCall
{
    private OssCall(HttpContext http, string requestId, string bucket, string? key, List<KeyValuePair<string, string?>> query, Dictionary<string, string> headers)
    {
        Http = http;
        RequestId = requestId;
        Bucket = bucket;
        Key = key;
        Query = query;
        Headers = headers;
    }

    public HttpContext Http { get; }

    public string RequestId { get; }

    /// <summary>Empty for service-level requests (<c>GET /</c>).</summary>
    public string Bucket { get; }

    /// <summary>Null for bucket-level requests (<c>/bucket</c> or <c>/bucket/</c>).</summary>
    public string? Key { get; }

    public List<KeyValuePair<string, string?>> Query { get; }

    public Dictionary<string, string> Headers { get; }

    public string Method => Http.Request.Method;

    public static OssCall Parse(HttpContext http, string requestId)
    {
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (http.Request.Path + http.Request.QueryString);
        var q = raw.IndexOf('?');
        var path = q >= 0 ? raw[..q] : raw;
        var queryText = q >= 0 ? raw[(q + 1)..] : string.Empty;
        if (path.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || !path.StartsWith('/'))
        {
            throw OssErrorException.InvalidArgument("Only origin-form request targets are supported.");
        }

        path = path[1..];
        var slash = path.IndexOf('/');
        var bucket = OssEncoding.Decode(slash >= 0 ? path[..slash] : path);
        string? key = slash >= 0 && slash < path.Length - 1 ? OssEncoding.Decode(path[(slash + 1)..]) : null;
        var query = new List<KeyValuePair<string, string?>>();
        foreach (var part in queryText.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            query.Add(eq < 0
                ? new(OssEncoding.Decode(part), null)
                : new(OssEncoding.Decode(part[..eq]), OssEncoding.Decode(part[(eq + 1)..])));
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in http.Request.Headers)
        {
            headers[name] = values.ToString();
        }

        return new OssCall(http, requestId, bucket, key, query, headers);
    }

    public bool Has(string parameter) => Query.Any(p => p.Key == parameter);

    public string? QueryValue(string parameter) => Query.FirstOrDefault(p => p.Key == parameter).Value;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public SigningRequest ToSigningRequest() =>
        new(Method, Bucket.Length == 0 ? null : Bucket, Key, Query, Headers, []);

    /// <summary>The <c>x-oss-meta-*</c> headers, names lower-case and without the prefix.</summary>
    public Dictionary<string, string> UserMetadata() =>
        Headers.Where(h => h.Key.StartsWith("x-oss-meta-", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key["x-oss-meta-".Length..].ToLowerInvariant(), h => h.Value, StringComparer.Ordinal);
}
