namespace Orchestrator.Storage;

/// <summary>How a copy treats metadata: COPY keeps the source's; REPLACE uses what is given here.</summary>
public sealed record CopyOptions
{
    public bool ReplaceMetadata { get; init; }

    public string? ContentType { get; init; }

    public string? CacheControl { get; init; }

    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    public bool ForbidOverwrite { get; init; }
}
