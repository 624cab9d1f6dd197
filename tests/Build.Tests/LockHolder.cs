using System.Diagnostics;

namespace Orchestrator.Build.Tests;

/// <summary>Another process holding a slot's lock file (util-linux flock), as a build running in another instance does.</summary>
public sealed class LockHolder : IDisposable
{
    private readonly Process _process;

    private LockHolder(Process process) => _process = process;

    /// <summary>Starts the holder and returns once it has the lock.</summary>
    public static async Task<LockHolder> TakeAsync(string lockFolder, string slot, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(lockFolder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var process = Process.Start(new ProcessStartInfo("flock", ["-n", Path.Combine(lockFolder, slot + ".lock"), "sh", "-c", "echo locked; exec sleep 120"]) { RedirectStandardOutput = true })!;
        var line = await process.StandardOutput.ReadLineAsync(cancellationToken);
        Assert.Equal("locked", line);
        return new LockHolder(process);
    }

    public void Dispose()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
    }
}
