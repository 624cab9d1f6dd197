using System.Diagnostics;
using System.Text;

namespace Orchestrator.Functions.Build;

/// <summary>
/// The one way Build starts a process, with an environment built from nothing (nothing of the function's own is
/// inherited). A build command runs in its own session and process group (<c>setsid</c>), as the build's identity
/// (<c>setpriv</c> when isolated), its output appended to a <see cref="BoundedLog"/>; when it ends, exits, times
/// out or is cancelled, every process of the build is killed before this returns (<see cref="BuildProcesses"/>).
/// </summary>
public static class ChildProcessRunner
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ReapTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Runs <paramref name="command"/> to its end; returns its exit code.</summary>
    /// <exception cref="OperationCanceledException">The token fired (time limit, disk budget, shutdown); the build's processes are dead.</exception>
    /// <exception cref="Contracts.Errors.StageFailedException"><c>BuildProcessesSurvived</c> when a process of the build could not be killed.</exception>
    public static async Task<int> RunAsync(ChildCommand command, BuildProcesses processes, BoundedLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(processes);
        ArgumentNullException.ThrowIfNull(log);
        var setsid = IsolationTools.Find("setsid", "the build cannot run in a session of its own, so its processes could not all be found.");
        using var process = new Process { StartInfo = CreateStartInfo([setsid, .. processes.Identity.StartArguments(), command.FileName, .. command.Arguments], command.WorkingDirectory, command.Environment) };
        process.Start();
        processes.Track(process.Id);
        process.StandardInput.Close();
        var stdout = PumpAsync(process.StandardOutput, log.Append);
        var stderr = PumpAsync(process.StandardError, log.Append);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
            return process.ExitCode;
        }
        finally
        {
            await EndAsync(process, processes);

            // With every process of the build dead nothing holds the pipes any more; the bound is only a safety net.
            await Task.WhenAny(Task.WhenAll(stdout, stderr), Task.Delay(DrainTimeout, CancellationToken.None));
        }
    }

    /// <summary>Runs a short system tool (chown, rm, kill) to its end, within <paramref name="limit"/>; its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunToolAsync(IReadOnlyList<string> commandLine, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        using var process = new Process { StartInfo = CreateStartInfo(commandLine, "/", new Dictionary<string, string>()) };
        process.Start();
        process.StandardInput.Close();
        var output = new StringBuilder();
        var pumps = Task.WhenAll(PumpAsync(process.StandardOutput, Collect), PumpAsync(process.StandardError, Collect));
        using var deadline = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
            await pumps.WaitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            return (-1, $"{Path.GetFileName(commandLine[0])} did not finish within {limit.TotalSeconds:0} s");
        }

        lock (output)
        {
            return (process.ExitCode, output.ToString().Trim());
        }

        void Collect(string line)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static ProcessStartInfo CreateStartInfo(IReadOnlyList<string> commandLine, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo
        {
            FileName = commandLine[0],
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        foreach (var argument in commandLine.Skip(1))
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    private static async Task PumpAsync(StreamReader reader, Action<string> sink)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            sink(line);
        }
    }

    /// <summary>
    /// Kills all the build's processes. The direct child is killed by its handle too: until setpriv has switched
    /// its uid it is still root and not yet among the uid's processes, and as our unreaped child its pid is safe.
    /// </summary>
    private static async Task EndAsync(Process process, BuildProcesses processes)
    {
        // The first sweep runs while the tree is intact; the last one catches what forked meanwhile and verifies.
        await processes.ReapAsync();
        if (!process.HasExited)
        {
            process.Kill();
            using var reap = new CancellationTokenSource(ReapTimeout);
            try
            {
                await process.WaitForExitAsync(reap.Token);
            }
            catch (OperationCanceledException)
            {
                // Reported just below as a survivor.
            }
        }

        await processes.EndAllAsync();
        if (!process.HasExited)
        {
            throw processes.SurvivedFailure(1);
        }
    }
}
