using System.Diagnostics;
using System.Globalization;

namespace Orchestrator.Functions.Build;

/// <summary>
/// Runs a build command in its own session and process group (<c>setsid</c>), optionally as an unprivileged user
/// (<c>setpriv</c>), with an environment built from nothing, its output appended to a <see cref="BoundedLog"/>.
/// At the time limit or on cancellation the whole group is killed, not just the direct child.
/// </summary>
public static class ChildProcessRunner
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ReapTimeout = TimeSpan.FromSeconds(10);

    public static async Task<ChildOutcome> RunAsync(ChildCommand command, ChildIdentity identity, BoundedLog log, TimeSpan timeLimit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(log);
        using var process = new Process { StartInfo = CreateStartInfo(command, identity) };
        process.Start();
        process.StandardInput.Close();
        var stdout = PumpAsync(process.StandardOutput, log);
        var stderr = PumpAsync(process.StandardError, log);

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeLimit);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = !cancellationToken.IsCancellationRequested;
            await KillGroupAsync(process);
        }

        // A grandchild that left the group may still hold the pipes: the output is drained for a bounded time only.
        await Task.WhenAny(Task.WhenAll(stdout, stderr), Task.Delay(DrainTimeout, CancellationToken.None));
        cancellationToken.ThrowIfCancellationRequested();
        if (timedOut)
        {
            log.Append($"[orchestrator] time limit of {timeLimit.TotalSeconds:0} s reached: the build's process group was killed");
            return new ChildOutcome(-1, TimedOut: true);
        }

        return new ChildOutcome(process.ExitCode, TimedOut: false);
    }

    private static ProcessStartInfo CreateStartInfo(ChildCommand command, ChildIdentity identity)
    {
        var info = new ProcessStartInfo
        {
            FileName = new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists)
                ?? throw new Contracts.Errors.StageFailedException(
                    "IsolationUnavailable", "setsid (util-linux) is missing: the build cannot run in its own process group, so its time limit could not be enforced.", retryable: false),
            WorkingDirectory = command.WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment.Clear();
        foreach (var (name, value) in command.Environment)
        {
            info.Environment[name] = value;
        }

        if (identity.SetprivPath is { } setpriv)
        {
            info.ArgumentList.Add(setpriv);
            info.ArgumentList.Add("--reuid=" + identity.Uid!.Value.ToString(CultureInfo.InvariantCulture));
            info.ArgumentList.Add("--regid=" + identity.Gid!.Value.ToString(CultureInfo.InvariantCulture));
            info.ArgumentList.Add("--clear-groups");
            info.ArgumentList.Add("--no-new-privs");
            info.ArgumentList.Add("--");
        }

        info.ArgumentList.Add(command.FileName);
        foreach (var argument in command.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    private static async Task PumpAsync(StreamReader reader, BoundedLog log)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            log.Append(line);
        }
    }

    /// <summary>SIGKILL to the group (setsid made the child its leader, so its pid is the group id), then to any descendants still known.</summary>
    private static async Task KillGroupAsync(Process process)
    {
        if (process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start(new ProcessStartInfo("/bin/kill", ["-KILL", "--", "-" + process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
        {
            if (kill is not null)
            {
                await kill.WaitForExitAsync(CancellationToken.None);
            }
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        using var reap = new CancellationTokenSource(ReapTimeout);
        await process.WaitForExitAsync(reap.Token);
    }
}
