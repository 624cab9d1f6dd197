using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Orchestrator.Tools.Packaging.Smoke;

namespace Orchestrator.Hosting.Tests.Support;

/// <summary>
/// One real function process started as FC starts a custom runtime (its executable, FC's environment variables),
/// on a free loopback port, with its stdout and stderr captured line by line.
/// </summary>
public sealed class FunctionProcess : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(20);

    public const string EnvAccessKeyId = "LTAIenvKey01";
    public const string EnvAccessKeySecret = "env-secret-never-logged-7f3a";
    public const string EnvSecurityToken = "env-token-never-logged-91bc";

    private readonly Process _process;
    private readonly Lock _gate = new();
    private readonly List<string> _stdout = [];
    private readonly List<string> _stderr = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Found)> _waiters = [];

    private FunctionProcess(string function, Process process, int port)
    {
        Function = function;
        _process = process;
        Port = port;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = WaitTimeout };
    }

    public string Function { get; }

    public int Port { get; }

    public HttpClient Client { get; }

    public int ProcessId => _process.Id;

    public string Stdout
    {
        get
        {
            lock (_gate)
            {
                return string.Join('\n', _stdout);
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_gate)
            {
                return string.Join('\n', _stderr);
            }
        }
    }

    /// <summary>FC's environment for <paramref name="function"/>: port, identity, STS credentials.</summary>
    public static Dictionary<string, string?> FcEnvironment(string function, int port) => new()
    {
        ["FC_CUSTOM_LISTEN_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["FC_FUNCTION_NAME"] = "orchestrator-" + function.ToLowerInvariant(),
        ["FC_REGION"] = "cn-hangzhou",
        ["FC_ACCOUNT_ID"] = "1234567890",
        ["FC_INSTANCE_ID"] = "c-test-" + function.ToLowerInvariant(),
        ["FC_FUNCTION_MEMORY_SIZE"] = "512",
        ["ALIBABA_CLOUD_ACCESS_KEY_ID"] = EnvAccessKeyId,
        ["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = EnvAccessKeySecret,
        ["ALIBABA_CLOUD_SECURITY_TOKEN"] = EnvSecurityToken,

        // What s.yaml gives every function; nothing listens there, and nothing here is contacted at start.
        ["OSS_ENDPOINT"] = "http://127.0.0.1:9",
        ["ORCHESTRATOR_BUCKET"] = "orchestrator-test",
        ["Mns__Endpoint"] = "http://127.0.0.1:9",
        ["Mns__Queues__Coordinator"] = "orchestrator-coordinator",
        ["Mns__Queues__Fetch"] = "orchestrator-fetch",
        ["Mns__Queues__Build"] = "orchestrator-build",
        ["Mns__Queues__Publish"] = "orchestrator-publish",

        // FC needs 0.0.0.0 (the default); tests stay on loopback.
        ["ORCHESTRATOR_LISTEN_ADDRESS"] = "127.0.0.1",
    };

    /// <summary>Starts the function and waits until it reports it is listening.</summary>
    public static async Task<FunctionProcess> StartAsync(string function, Action<Dictionary<string, string?>>? adjust = null, CancellationToken cancellationToken = default)
    {
        var started = Launch(function, adjust, out var port);
        try
        {
            await started.WaitForLineAsync(line => line.Contains("\"FunctionHostStarted\"", StringComparison.Ordinal), StartTimeout, cancellationToken);
            return started;
        }
        catch
        {
            await started.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the function without waiting for it (for starts expected to fail).</summary>
    public static FunctionProcess Launch(string function, Action<Dictionary<string, string?>>? adjust, out int port)
    {
        port = FreePort.Next();
        var environment = FcEnvironment(function, port);
        adjust?.Invoke(environment);
        var info = new ProcessStartInfo(FunctionBinaries.AppHost(function))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = Path.GetDirectoryName(FunctionBinaries.AppHost(function)),
        };

        // Nothing of the test runner's own cloud or host settings leaks into the function.
        foreach (var key in info.Environment.Keys.ToList())
        {
            if (key.StartsWith("ALIBABA_CLOUD_", StringComparison.Ordinal) || key.StartsWith("FC_", StringComparison.Ordinal)
                || key.StartsWith("ORCHESTRATOR_", StringComparison.Ordinal) || key.StartsWith("ASPNETCORE_", StringComparison.Ordinal))
            {
                info.Environment.Remove(key);
            }
        }

        info.Environment["DOTNET_ROOT"] = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                info.Environment.Remove(key);
            }
            else
            {
                info.Environment[key] = value;
            }
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var result = new FunctionProcess(function, process, port);
        process.OutputDataReceived += (_, e) => result.Add(e.Data, result._stdout);
        process.ErrorDataReceived += (_, e) => result.Add(e.Data, result._stderr);
        process.Exited += (_, _) => result.FailWaiters();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    /// <summary>Waits (bounded) for an output line matching <paramref name="match"/>, seen already or to come.</summary>
    public Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var seen = _stdout.Concat(_stderr).FirstOrDefault(match);
            if (seen is not null)
            {
                return Task.FromResult(seen);
            }

            _waiters.Add((match, found));
        }

        if (_process.HasExited)
        {
            FailWaiters();
        }

        return WithContextAsync(found.Task.WaitAsync(timeout, cancellationToken));
    }

    /// <summary>The JSON log lines (stdout lines that parse as objects).</summary>
    public IReadOnlyList<JsonElement> JsonLines()
    {
        var lines = new List<JsonElement>();
        foreach (var line in Stdout.Split('\n'))
        {
            if (line.StartsWith('{'))
            {
                using var document = JsonDocument.Parse(line);
                lines.Add(document.RootElement.Clone());
            }
        }

        return lines;
    }

    public void Terminate() => Signals.Terminate(_process.Id);

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var cancel = new CancellationTokenSource(WaitTimeout);
            await _process.WaitForExitAsync(cancel.Token);
        }

        _process.Dispose();
    }

    private async Task<string> WithContextAsync(Task<string> wait)
    {
        try
        {
            return await wait;
        }
        catch (Exception exception) when (exception is TimeoutException or InvalidOperationException)
        {
            throw new InvalidOperationException($"{Function}: {exception.Message}\n--- stdout:\n{Stdout}\n--- stderr:\n{Stderr}", exception);
        }
    }

    private void Add(string? line, List<string> lines)
    {
        if (line is null)
        {
            return;
        }

        List<TaskCompletionSource<string>> satisfied = [];
        lock (_gate)
        {
            lines.Add(line);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(line))
                {
                    satisfied.Add(_waiters[i].Found);
                    _waiters.RemoveAt(i);
                }
            }
        }

        satisfied.ForEach(found => found.TrySetResult(line));
    }

    private void FailWaiters()
    {
        List<TaskCompletionSource<string>> pending;
        lock (_gate)
        {
            pending = _waiters.Select(w => w.Found).ToList();
            _waiters.Clear();
        }

        pending.ForEach(found => found.TrySetException(new InvalidOperationException("the process exited before the expected line")));
    }
}
