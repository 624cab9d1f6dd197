namespace Orchestrator.Archives;

/// <summary>What <see cref="ArchiveWriter"/> includes besides regular files and folders.</summary>
public sealed record ArchiveWriteOptions
{
    /// <summary>Files and folders only: nothing a link points to can leak into the archive.</summary>
    public static ArchiveWriteOptions Default { get; } = new();

    /// <summary>
    /// Keep relative symbolic links whose target stays inside the source folder (a dependency cache needs
    /// <c>node_modules/.bin</c>); links leaving it are always left out.
    /// </summary>
    public bool IncludeSymbolicLinks { get; init; }
}
