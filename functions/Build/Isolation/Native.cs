using System.Runtime.InteropServices;

namespace Orchestrator.Functions.Build;

/// <summary>
/// The few libc calls .NET has no API for: a file's owner (statx, glibc ≥ 2.28 as on custom.debian10), a signal
/// other than SIGKILL (SIGSTOP freezes a tree before it is killed), the effective uid, and a rename that moves a link
/// itself whatever it points to (File.Move and Directory.Move look through it).
/// </summary>
internal static partial class Native
{
    public const int SigKill = 9;
    public const int SigStop = 19;

    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;

    /// <summary>statx of <paramref name="path"/>; false when it does not exist (or vanished meanwhile).</summary>
    public static bool TryStat(string path, bool followLinks, out StatxBuffer status) =>
        Statx(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, StatxBasicStats, out status) == 0;

    public static bool Signal(int processId, int signal) => Kill(processId, signal) == 0;

    public static int EffectiveUserId => (int)GetEffectiveUserId();

    /// <summary>rename(2): moves a file, folder or link within one file system.</summary>
    /// <exception cref="IOException">The kernel refused.</exception>
    public static void Rename(string from, string to)
    {
        if (RenameRaw(from, to) != 0)
        {
            throw new IOException($"Moving '{from}' to '{to}' failed (errno {Marshal.GetLastPInvokeError()}).");
        }
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, out StatxBuffer buffer);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int processId, int signal);

    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameRaw(string from, string to);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();
}
