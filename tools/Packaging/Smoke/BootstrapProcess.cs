using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Orchestrator.Tools.Packaging.Smoke;

/// <summary>
/// A package's <c>bootstrap</c> started as FC starts it: from its folder, with only FC's environment (no
/// DOTNET_ROOT, no SDK on the path it could lean on), on a free port given by <c>FC_CUSTOM_LISTEN_PORT</c>.
/// </summary>
public sealed class BootstrapProcess : IAsyncDisposable
{
    // FC names each call in this header and the host routes by it (the package references no project that spells it).
    private const string ControlPathHeader = "x-fc-control-path";

    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(5);
    private readonly Process _process;
    private readonly Stopwatch _sinceExec;

    private BootstrapProcess(Process process, Stopwatch sinceExec, int port)
    {
        _process = process;
        _sinceExec = sinceExec;
        Port = port;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public int Port { get; }

    public HttpClient Client { get; }

    /// <summary>Starts the bootstrap with FC's variables; <paramref name="settings"/> replace the defaults below (real backends).</summary>
    public static BootstrapProcess Start(string folder, string executable = "bootstrap", string functionName = "smoke", IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var info = new ProcessStartInfo(Path.Combine(folder, executable))
        {
            WorkingDirectory = folder,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment.Clear();
        info.Environment["PATH"] = "/usr/local/bin:/usr/bin:/bin";
        info.Environment["FC_CUSTOM_LISTEN_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        info.Environment["FC_FUNCTION_NAME"] = functionName;
        info.Environment["FC_REGION"] = "cn-hangzhou";
        info.Environment["FC_FUNCTION_MEMORY_SIZE"] = "512";

        // What s.yaml gives every function, pointing nowhere: nothing is contacted at start or for a garbage event.
        info.Environment["OSS_ENDPOINT"] = "http://127.0.0.1:9";
        info.Environment["ORCHESTRATOR_BUCKET"] = "orchestrator-smoke";
        info.Environment["Mns__Endpoint"] = "http://127.0.0.1:9";
        foreach (var queue in new[] { "Coordinator", "Fetch", "Build", "Publish" })
        {
            info.Environment["Mns__Queues__" + queue] = "orchestrator-" + queue.ToLowerInvariant();
        }

        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        // FC binds 0.0.0.0; here the smoke check stays on loopback.
        info.Environment["ORCHESTRATOR_LISTEN_ADDRESS"] = "127.0.0.1";
        var sinceExec = Stopwatch.StartNew();
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {info.FileName}");

        // Drain the output so a chatty process never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new BootstrapProcess(process, sinceExec, port);
    }

    /// <summary>
    /// Calls <c>POST /initialize</c> until it is answered (the port opens some time after exec) and returns the
    /// status and the time from exec to the answer.
    /// </summary>
    public async Task<(HttpStatusCode Status, TimeSpan SinceExec)> InitializeAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the bootstrap exited with code {_process.ExitCode} before answering /initialize");
            }

            try
            {
                using var response = await CallAsync(HttpMethod.Post, "/initialize", new ByteArrayContent([]), deadline.Token);
                return (response.StatusCode, _sinceExec.Elapsed);
            }
            catch (HttpRequestException exception) when (exception.InnerException is SocketException)
            {
                await Task.Delay(RetryDelay, deadline.Token);
            }
        }
    }

    /// <summary>FC's call <paramref name="controlPath"/> (<c>/invoke</c>, <c>/initialize</c>, ...) as FC makes it: on that path, naming it in <c>x-fc-control-path</c>.</summary>
    public async Task<HttpResponseMessage> CallAsync(HttpMethod method, string controlPath, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(controlPath, UriKind.Relative)) { Content = content };
        request.Headers.Add(ControlPathHeader, controlPath);
        return await Client.SendAsync(request, cancellationToken);
    }

    /// <summary>
    /// FC's <c>/invoke</c> with <paramref name="body"/> and the invocation's credentials in FC's headers, and the time
    /// from exec to its answer.
    /// </summary>
    public async Task<(HttpStatusCode Status, TimeSpan SinceExec)> InvokeAsync(byte[] body, IReadOnlyDictionary<string, string> credentialHeaders, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/invoke", UriKind.Relative)) { Content = new ByteArrayContent(body) };
        request.Headers.Add(ControlPathHeader, "/invoke");
        foreach (var (name, value) in credentialHeaders)
        {
            request.Headers.Add(name, value);
        }

        using var response = await Client.SendAsync(request, cancellationToken);
        return (response.StatusCode, _sinceExec.Elapsed);
    }

    /// <summary>The process's peak resident set so far (VmHWM), in bytes.</summary>
    public long PeakRssBytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kilobytes = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return kilobytes * 1024;
    }

    /// <summary>SIGTERM, then waits (bounded) for the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Signals.Terminate(_process.Id);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        await _process.WaitForExitAsync(deadline.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(deadline.Token);
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
