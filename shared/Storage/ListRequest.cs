namespace Orchestrator.Storage;

/// <summary>ListObjectsV2 parameters.</summary>
public sealed record ListRequest
{
    public string? Prefix { get; init; }

    public string? Delimiter { get; init; }

    public string? ContinuationToken { get; init; }

    public string? StartAfter { get; init; }

    /// <summary>1 to 1000, as in OSS.</summary>
    public int MaxKeys { get; init; } = 1000;
}
