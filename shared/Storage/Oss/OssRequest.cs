namespace Orchestrator.Storage.Oss;

/// <summary>One logical OSS call: rebuilt into a fresh, freshly signed HttpRequestMessage for every attempt.</summary>
internal sealed class OssRequest(HttpMethod method, string bucket, string? key)
{
    public HttpMethod Method { get; } = method;

    public string Bucket { get; } = bucket;

    public string? Key { get; } = key;

    public List<KeyValuePair<string, string?>> Query { get; } = [];

    /// <summary>Headers to send and sign (Content-Type included; Content-Length is the body's business).</summary>
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Makes the body for one attempt (always replayable: a seekable stream or a buffer); null for no body.</summary>
    public Func<HttpContent>? Body { get; set; }

    /// <summary>Names the call in error messages, e.g. <c>PUT bucket/key</c>.</summary>
    public string Describe() => $"{Method} {Bucket}/{Key}";
}
