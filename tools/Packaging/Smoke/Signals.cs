using System.Runtime.InteropServices;

namespace Orchestrator.Tools.Packaging.Smoke;

/// <summary>SIGTERM, as FC stops an instance (.NET's Process.Kill only sends SIGKILL).</summary>
public static partial class Signals
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
