using Orchestrator.Contracts.Errors;

namespace Orchestrator.Functions.Build;

/// <summary>
/// A folder only the function may write to: created when missing, and refused when it is a link, belongs to
/// another user or is writable by others — under a world-writable /tmp, a build could otherwise have made it first.
/// </summary>
internal static class TrustedFolder
{
    private const int WritableByOthers = 0b000_010_010;

    /// <summary>Creates or checks <paramref name="path"/>, then sets <paramref name="mode"/>; returns the path.</summary>
    /// <exception cref="StageFailedException">Non-retryable <c>IsolationUnavailable</c> when the folder is not the function's own.</exception>
    public static string Ensure(string path, UnixFileMode mode)
    {
        Directory.CreateDirectory(path, mode);
        if (!Native.TryStat(path, followLinks: false, out var status)
            || !status.IsDirectory
            || status.Uid != Native.EffectiveUserId
            || (status.Permissions & WritableByOthers) != 0)
        {
            throw new StageFailedException(
                BuildErrorCodes.IsolationUnavailable,
                $"The folder {Path.GetFileName(path)} that keeps builds apart is not the function's own (a link, another user's, or writable by others): refusing to build.",
                retryable: false);
        }

        File.SetUnixFileMode(path, mode);
        return path;
    }
}
