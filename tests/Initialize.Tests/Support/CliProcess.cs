using System.Diagnostics;
using System.Text;

namespace Orchestrator.Functions.Initialize.Tests.Support;

/// <summary>
/// Runs the real `orchestrator` CLI (copied beside the tests by the project reference) as a child process, with a
/// clean environment for its own variables, and collects its output. Every run is bounded by the caller's token.
/// </summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private CliProcess(Process process)
    {
        _process = process;
    }

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public static CliProcess Start(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "orchestrator.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Remove("ORCHESTRATOR_API");
        info.Environment.Remove("ORCHESTRATOR_TOKEN");
        info.Environment.Remove("ORCHESTRATOR_PROFILE");
        // No profile of the machine's user: a folder that does not exist, unless the test gives one.
        info.Environment["ORCHESTRATOR_HOME"] = Path.Combine(Path.GetTempPath(), "orchestrator-tests", "no-home-" + Guid.NewGuid().ToString("N"));
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info };
        var cli = new CliProcess(process);
        process.OutputDataReceived += (_, e) => Append(cli._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(cli._stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return cli;
    }

    public static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(IReadOnlyDictionary<string, string?> environment, CancellationToken cancellationToken, params string[] args)
    {
        using var cli = Start(environment, args);
        var exit = await cli.WaitAsync(cancellationToken);
        return (exit, cli.Stdout, cli.Stderr);
    }

    public async Task<int> WaitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        // The parameterless wait drains the redirected streams after exit.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Polls the output until <paramref name="text"/> appears; the token bounds the wait.</summary>
    public async Task WaitForOutputAsync(string text, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (!Stdout.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited && !Stdout.Contains(text, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"the CLI ended (exit {_process.ExitCode}) without printing '{text}': {Stdout}{Stderr}");
            }

            await timer.WaitForNextTickAsync(cancellationToken);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.AppendLine(line);
        }
    }
}
