namespace Orchestrator.Storage.Signing;

/// <summary>
/// What the V4 signature covers: the method, the bucket and key (the canonical URI is always
/// <c>/bucket/key</c>, whatever the addressing style), the decoded query parameters and the headers.
/// Headers: names as sent (any case) with values; AdditionalHeaders: extra names to sign besides the defaults.
/// </summary>
public sealed record SigningRequest(
    string Method,
    string? Bucket,
    string? Key,
    IReadOnlyList<KeyValuePair<string, string?>> Query,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyCollection<string> AdditionalHeaders);
