namespace Orchestrator.Archives;

/// <summary>Why an archive was refused; part of <see cref="ArchiveRejectedException"/>'s message.</summary>
public enum ArchiveRejectionReason
{
    UnknownFormat,
    Corrupt,
    AbsolutePath,
    ParentTraversal,
    InvalidName,
    LinkEscape,
    LinkNotAllowed,
    HardLink,
    SpecialFile,
    UnsupportedEntry,
    TooManyEntries,
    EntryTooLarge,
    TotalTooLarge,
    CompressionRatio,
    PathConflict,
}
