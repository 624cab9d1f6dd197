using System.Runtime.InteropServices;

namespace Orchestrator.Hosting.Tests.Support;

/// <summary>POSIX signals: .NET's Process.Kill only sends SIGKILL, and FC stops an instance with SIGTERM.</summary>
internal static partial class Signals
{
    private const int SigTerm = 15;

    public static void Terminate(int processId)
    {
        if (Kill(processId, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill({processId}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
