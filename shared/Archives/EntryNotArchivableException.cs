using Orchestrator.Contracts.Errors;

namespace Orchestrator.Archives;

/// <summary>
/// An archive that must restore its folder exactly (<see cref="ArchiveWriteOptions.Exact"/>) met an entry it cannot
/// carry back as it is: a link leaving the folder, or an entry that went away while it was written. Code
/// <c>EntryNotArchivable</c>, never retryable: the caller decides whether to do without the archive.
/// </summary>
public sealed class EntryNotArchivableException : OrchestratorException
{
    public const string ErrorCode = "EntryNotArchivable";

    public EntryNotArchivableException(string relativePath, string reason)
        : base(ErrorCode, $"'{UnsupportedFileNameException.Printable(relativePath)}' cannot be archived exactly: {reason}", retryable: false)
    {
        RelativePath = relativePath;
    }

    /// <summary>The entry's path under the archived folder, '/'-separated.</summary>
    public string RelativePath { get; }
}
