namespace Orchestrator.Storage.Oss;

/// <summary>
/// Turns (bucket, key) into a request URI: virtual-hosted style (<c>https://bucket.oss-region.aliyuncs.com/key</c>)
/// for Alibaba Cloud endpoints, path style (<c>http://127.0.0.1:port/bucket/key</c>) for local ones.
/// </summary>
public sealed class OssEndpoint
{
    private static readonly UriCreationOptions Raw = new() { DangerousDisablePathAndQueryCanonicalization = true };

    public OssEndpoint(string endpoint, bool forcePathStyle = false)
    {
        var text = endpoint.Trim().TrimEnd('/');
        var isCloud = HostOf(text).EndsWith(".aliyuncs.com", StringComparison.OrdinalIgnoreCase);
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = (isCloud ? "https://" : "http://") + text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"'{endpoint}' is not a valid OSS endpoint (expected e.g. oss-cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000).", nameof(endpoint));
        }

        BaseUri = uri;
        VirtualHosted = isCloud && !forcePathStyle;
    }

    public Uri BaseUri { get; }

    /// <summary>True for <c>*.aliyuncs.com</c> (including <c>oss-&lt;region&gt;-internal</c>).</summary>
    public bool VirtualHosted { get; }

    /// <summary>The URI for a bucket-level (<paramref name="key"/> null) or object request, with an encoded query.</summary>
    public Uri For(string bucket, string? key, string query)
    {
        var path = OssEncodingPath(key);
        var authority = BaseUri.GetLeftPart(UriPartial.Authority);
        var text = VirtualHosted
            ? $"{BaseUri.Scheme}://{bucket}.{BaseUri.Authority}/{path}"
            : $"{authority}/{bucket}/{path}";
        if (query.Length > 0)
        {
            text += "?" + query;
        }

        return new Uri(text, in Raw);
    }

    private static string OssEncodingPath(string? key) => key is null ? string.Empty : Signing.OssEncoding.Encode(key, keepSlash: true);

    private static string HostOf(string text)
    {
        var start = text.IndexOf("://", StringComparison.Ordinal);
        var rest = start >= 0 ? text[(start + 3)..] : text;
        var end = rest.IndexOfAny([':', '/']);
        return end >= 0 ? rest[..end] : rest;
    }
}
