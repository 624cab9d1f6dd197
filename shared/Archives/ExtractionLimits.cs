namespace Orchestrator.Archives;

/// <summary>
/// Bounds on what an archive may unpack to. The defaults fit a front-end project with room to spare and stop
/// zip bombs and entry floods long before they fill a function's disk.
/// </summary>
public sealed record ExtractionLimits
{
    /// <summary>Limits suitable for an uploaded project archive.</summary>
    public static ExtractionLimits Default { get; } = new();

    /// <summary>Most entries (files, folders, links) an archive may hold.</summary>
    public int MaxEntries { get; init; } = 20_000;

    /// <summary>Most bytes all files together may unpack to.</summary>
    public long MaxTotalBytes { get; init; } = 1L << 30;

    /// <summary>Most bytes one file may unpack to.</summary>
    public long MaxEntryBytes { get; init; } = 256L << 20;

    /// <summary>Most unpacked bytes per compressed byte, for the whole archive and for each zip entry.</summary>
    public double MaxCompressionRatio { get; init; } = 100;

    /// <summary>
    /// Below this many unpacked bytes the ratio is not checked: a small file of zeros or a short repetitive text
    /// compresses far better than 100:1 and is harmless.
    /// </summary>
    public long RatioCheckThresholdBytes { get; init; } = 1L << 20;

    /// <summary>When everything sits in one top-level folder (<c>my-app/…</c>), unpack its contents to the root.</summary>
    public bool StripSingleTopLevelFolder { get; init; } = true;

    /// <summary>Whether symbolic links that stay inside the destination are recreated (links leaving it are always rejected).</summary>
    public bool AllowSymbolicLinks { get; init; } = true;

    internal void Validate()
    {
        if (MaxEntries <= 0 || MaxTotalBytes <= 0 || MaxEntryBytes <= 0 || MaxCompressionRatio <= 1 || RatioCheckThresholdBytes < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ExtractionLimits), this, "Extraction limits must be positive and the compression ratio above 1.");
        }
    }
}
