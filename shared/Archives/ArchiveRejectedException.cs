using Orchestrator.Contracts.Errors;

namespace Orchestrator.Archives;

/// <summary>
/// The archive is unsafe, over a limit, corrupt or not an archive at all. Never retryable: the same bytes will be
/// refused again. Code <c>ArchiveRejected</c>; <see cref="Reason"/> and <see cref="EntryName"/> say what and where.
/// </summary>
public sealed class ArchiveRejectedException : OrchestratorException
{
    public const string ErrorCode = "ArchiveRejected";

    public ArchiveRejectedException(ArchiveRejectionReason reason, string? entryName, string message, Exception? innerException = null)
        : base(ErrorCode, Describe(reason, entryName, message), retryable: false, innerException)
    {
        Reason = reason;
        EntryName = entryName;
    }

    public ArchiveRejectionReason Reason { get; }

    /// <summary>The offending entry's name as the archive spells it, when one entry is to blame.</summary>
    public string? EntryName { get; }

    private static string Describe(ArchiveRejectionReason reason, string? entryName, string message) =>
        entryName is null ? $"{reason}: {message}" : $"{reason}: {message} (entry '{entryName}')";
}
