namespace Orchestrator.Storage;

/// <summary>How to store an object.</summary>
public sealed record PutOptions
{
    public string? ContentType { get; init; }

    public string? CacheControl { get; init; }

    /// <summary>User metadata, sent as <c>x-oss-meta-&lt;name&gt;</c>; names are lower-case ASCII.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary><c>x-oss-forbid-overwrite: true</c>: succeed only if the key does not exist yet.</summary>
    public bool ForbidOverwrite { get; init; }
}
