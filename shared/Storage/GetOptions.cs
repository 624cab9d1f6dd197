namespace Orchestrator.Storage;

/// <summary>Conditions and range for a GET.</summary>
public sealed record GetOptions
{
    /// <summary>First byte, inclusive.</summary>
    public long? RangeStart { get; init; }

    /// <summary>Last byte, inclusive; null reads to the end.</summary>
    public long? RangeEnd { get; init; }

    public string? IfMatch { get; init; }

    public string? IfNoneMatch { get; init; }
}
