namespace Orchestrator.Archives;

/// <summary>What <see cref="ArchiveWriter"/> includes besides regular files and folders.</summary>
public sealed record ArchiveWriteOptions
{
    /// <summary>Files and folders only: nothing a link points to can leak into the archive.</summary>
    public static ArchiveWriteOptions Default { get; } = new();

    /// <summary>
    /// Keep relative symbolic links whose target stays inside the source folder (a dependency cache needs
    /// <c>node_modules/.bin</c> and workspace links such as <c>node_modules/@mono/ui -&gt; ../../packages/ui</c>);
    /// links leaving it are left out, or fail the write when <see cref="Exact"/>.
    /// </summary>
    public bool IncludeSymbolicLinks { get; init; }

    /// <summary>
    /// Only these paths under the source folder ('/'-separated) and what is under them; null for everything. Their
    /// parent folders get no entries of their own (unpacking creates them).
    /// </summary>
    public IReadOnlyList<string>? Paths { get; init; }

    /// <summary>
    /// The archive must restore the tree as it is or not be written: an entry that would be left out (a link that
    /// leaves the source folder, a link when links are not kept, a path that is gone) fails the write with
    /// <see cref="EntryNotArchivableException"/> instead.
    /// </summary>
    public bool Exact { get; init; }
}
