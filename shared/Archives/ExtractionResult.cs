namespace Orchestrator.Archives;

/// <summary>What an extraction unpacked.</summary>
/// <param name="Format">The format recognised from the archive's bytes.</param>
/// <param name="Files">Regular files written.</param>
/// <param name="Directories">Folders created.</param>
/// <param name="SymbolicLinks">In-root symbolic links created.</param>
/// <param name="TotalBytes">Unpacked bytes of all files.</param>
/// <param name="StrippedFolder">The single top-level folder removed, or null.</param>
public sealed record ExtractionResult(
    ArchiveFormat Format,
    int Files,
    int Directories,
    int SymbolicLinks,
    long TotalBytes,
    string? StrippedFolder);
