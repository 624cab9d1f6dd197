using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Orchestrator.Tools.DevCloud.Fc;

/// <summary>The instance's process: start, wait for the port, initialize, watch, restart, stop.</summary>
public sealed partial class FunctionInstance
{
    // Environment a bootstrap needs to run at all on this machine (FC's image provides the same kinds of things).
    private static readonly string[] PassedThrough = ["PATH", "HOME", "TMPDIR", "LANG", "DOTNET_ROOT", "DOTNET_CLI_HOME", "NUGET_PACKAGES"];

    private async Task SuperviseAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var port = FreePort();
                var started = StartProcess(port);
                var previous = process;
                process = started;
                previous?.Dispose();
                Starts++;
                await WaitForPortAsync(started, port, cancellationToken);
                if (function.InitializerTimeoutSeconds is { } initializer
                    && !await CallLifecycleAsync(HttpMethod.Post, port, "/initialize", TimeSpan.FromSeconds(initializer), cancellationToken))
                {
                    throw new InvalidOperationException($"{function.FunctionName}: /initialize failed");
                }

                Logs.InstanceReady(logger, function.FunctionName, started.Id, port);
                var live = ready;

                // Not ready from the moment the process is gone: waiting for its exit also waits for its output to
                // close, which a child still holding the pipes delays, and an invocation sent meanwhile would be
                // refused at once instead of waiting for the restart.
                started.Exited += (_, _) => NotReady(live);
                live.TrySetResult(port);
                if (started.HasExited)
                {
                    NotReady(live);
                }

                await started.WaitForExitAsync(cancellationToken);
                NotReady(live);
                Logs.InstanceDied(logger, function.FunctionName, started.Id, started.ExitCode);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
            {
                Logs.InstanceFailedToStart(logger, function.FunctionName, exception.Message);
                KillProcess();
            }

            await Task.Delay(options.RestartDelay, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>Replaces <paramref name="live"/> (the ready signal of a process now gone) with a fresh, pending one.</summary>
    private void NotReady(TaskCompletionSource<int> live) => Interlocked.CompareExchange(ref ready, NewReady(), live);

    /// <summary>As <see cref="NotReady"/>, when the current ready signal is still the one for <paramref name="port"/>.</summary>
    private void NotReadyAt(int port)
    {
        var current = Volatile.Read(ref ready);
        if (current.Task is { IsCompletedSuccessfully: true, Result: var live } && live == port)
        {
            NotReady(current);
        }
    }

    private Process StartProcess(int port)
    {
        var start = new ProcessStartInfo(plan.FileName)
        {
            WorkingDirectory = plan.CodeDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in plan.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        foreach (var name in PassedThrough)
        {
            if (System.Environment.GetEnvironmentVariable(name) is { } value)
            {
                start.Environment[name] = value;
            }
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["FC_CUSTOM_LISTEN_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["FC_INSTANCE_ID"] = "c-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var started = Process.Start(start) ?? throw new InvalidOperationException($"{function.FunctionName}: {plan.FileName} did not start");
        started.OutputDataReceived += (_, e) => log.Write(e.Data);
        started.ErrorDataReceived += (_, e) => log.Write(e.Data);
        started.EnableRaisingEvents = true;
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        Logs.InstanceStarting(logger, function.FunctionName, started.Id, port);
        return started;
    }

    // FC considers the instance started when its port accepts a TCP connection.
    private async Task WaitForPortAsync(Process started, int port, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + options.StartTimeout;
        while (true)
        {
            if (started.HasExited)
            {
                throw new InvalidOperationException($"{function.FunctionName}: the bootstrap exited ({started.ExitCode}) before listening on {port} (see {log.Path})");
            }

            if (await AcceptsAsync(port, cancellationToken))
            {
                return;
            }

            if (DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(50, cancellationToken);
            }
            else
            {
                throw new TimeoutException($"{function.FunctionName}: nothing listened on {port} within {options.StartTimeout.TotalSeconds:0} s (see {log.Path})");
            }
        }
    }

    /// <summary>Whether something accepts TCP connections on <paramref name="port"/> (a dead instance's port refuses them).</summary>
    private static async Task<bool> AcceptsAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private async Task<bool> CallLifecycleAsync(HttpMethod method, int port, string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, $"http://127.0.0.1:{port}{path}");
        AddFcHeaders(request, NewRequestId(), path);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await http.SendAsync(request, deadline.Token);
            var failed = response.Headers.Contains("x-fc-status") || (int)response.StatusCode >= 400;
            if (failed)
            {
                Logs.LifecycleFailed(logger, function.FunctionName, path, (int)response.StatusCode);
            }

            return !failed;
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            if (path == PreStopPath)
            {
                // Nothing listens any more: the instance is already on its way out (Ctrl+C in a terminal reaches the
                // instances' processes too), which is what /pre-stop was to start. Not a failure worth a warning.
                Logs.LifecycleUnanswered(logger, function.FunctionName, path);
            }
            else
            {
                Logs.LifecycleFailed(logger, function.FunctionName, path, 0);
            }

            return false;
        }
    }

    private async Task StopProcessAsync()
    {
        if (process is not { HasExited: false } running)
        {
            return;
        }

        if (!OperatingSystem.IsWindows())
        {
            // SIGTERM first, as FC does after /pre-stop: the host drains and exits on its own.
            using var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", running.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false });
            await (term?.WaitForExitAsync(CancellationToken.None) ?? Task.CompletedTask);
        }

        try
        {
            await running.WaitForExitAsync(CancellationToken.None).WaitAsync(options.StopGrace, CancellationToken.None);
        }
        catch (TimeoutException)
        {
            KillProcess();
        }
    }

    private void KillProcess()
    {
        try
        {
            if (process is { HasExited: false } running)
            {
                running.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone: nothing to kill.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
