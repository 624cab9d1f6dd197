using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Orchestrator.Contracts.Security;
using Orchestrator.Tools.DevCloud.Config;

namespace Orchestrator.Tools.DevCloud.Fc;

/// <summary>
/// One FC instance of one function: its bootstrap as a child process with FC's environment, started and
/// initialized as FC does, invoked over HTTP with FC's headers, restarted when it dies, stopped with
/// <c>/pre-stop</c>. How many invocations it takes at once is its <see cref="FunctionPool"/>'s to decide.
/// </summary>
public sealed partial class FunctionInstance : IAsyncDisposable
{
    private const string PreStopPath = "/pre-stop";

    private readonly FunctionSpec function;
    private readonly LaunchPlan plan;
    private readonly IReadOnlyDictionary<string, string> environment;
    private readonly InstanceOptions options;
    private readonly ILogger logger;
    private readonly HttpClient http;
    private readonly CancellationTokenSource stopping = new();
    private readonly FunctionLog log;
    private TaskCompletionSource<int> ready = NewReady();
    private Process? process;
    private Task? supervisor;

    public FunctionInstance(FunctionSpec function, LaunchPlan plan, IReadOnlyDictionary<string, string> environment, FunctionLog log, InstanceOptions options, ILogger logger)
    {
        this.function = function;
        this.plan = plan;
        this.environment = environment;
        this.log = log;
        this.options = options;
        this.logger = logger;
        http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) }) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public FunctionSpec Function => function;

    /// <summary>The running bootstrap's process id, or null between a death and the restart.</summary>
    public int? ProcessId => process is { HasExited: false } p ? p.Id : null;

    /// <summary>How many times the instance has been started (1 after the first start).</summary>
    public int Starts { get; private set; }

    /// <summary>Raised when an invocation is sent to the instance (function name, request id).</summary>
    public event Action<string, string>? InvocationStarted;

    /// <summary>Starts the instance and waits until it is initialized (or fails to start).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        supervisor = Task.Run(() => SuperviseAsync(stopping.Token), CancellationToken.None);
        await WaitReadyAsync(options.StartTimeout + TimeSpan.FromSeconds(function.InitializerTimeoutSeconds ?? 0), cancellationToken);
    }

    /// <summary>POSTs an event to <c>/invoke</c> and reports what came of it; never throws for a function failure.</summary>
    public async Task<InvokeOutcome> InvokeAsync(byte[] body, CancellationToken cancellationToken)
    {
        var requestId = NewRequestId();
        while (true)
        {
            int port;
            try
            {
                port = await WaitReadyAsync(options.StartTimeout, cancellationToken);
            }
            catch (TimeoutException exception)
            {
                return InvokeOutcome.Lost(requestId, exception.Message);
            }

            try
            {
                return await SendInvokeAsync(port, body, requestId, cancellationToken);
            }
            catch (HttpRequestException exception) when (exception.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
            {
                // Nothing reached the function: its process is gone and the restart not yet noticed. FC places an
                // invocation only on a live instance, so this one waits for the restart instead of failing at once
                // (which would fail every queued invocation on the dead instance within milliseconds).
                NotReadyAt(port);
            }
            catch (HttpRequestException exception)
            {
                // The function may have run: the invocation is lost. If the instance died with it, the next
                // invocations wait for its restart rather than being sent to the dead port.
                if (process is { HasExited: true } || !await AcceptsAsync(port, cancellationToken))
                {
                    NotReadyAt(port);
                }

                return InvokeOutcome.Lost(requestId, "connection lost: " + exception.Message);
            }
        }
    }

    private async Task<InvokeOutcome> SendInvokeAsync(int port, byte[] body, string requestId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}/invoke") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/octet-stream");
        AddFcHeaders(request, requestId, "/invoke");
        InvocationStarted?.Invoke(function.FunctionName, requestId);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(function.TimeoutSeconds));
        try
        {
            using var response = await http.SendAsync(request, deadline.Token);
            var answer = await response.Content.ReadAsByteArrayAsync(deadline.Token);
            var failed = response.Headers.TryGetValues("x-fc-status", out var status) && status.Contains("404");
            var code = (int)response.StatusCode;
            return new InvokeOutcome(requestId, code, failed ? "function error (x-fc-status: 404)" : code >= 500 ? $"HTTP {code}" : null, answer);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // FC stops an invocation at the function's timeout; the instance is recycled like a crashed one.
            Logs.InvocationTimedOut(logger, function.FunctionName, requestId, function.TimeoutSeconds);
            KillProcess();
            return InvokeOutcome.Lost(requestId, $"timed out after {function.TimeoutSeconds} s");
        }
    }

    /// <summary>Passes an HTTP-trigger request through to the instance (its own method, path, query, headers, body).</summary>
    public async Task<HttpResponseMessage> ForwardAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var port = await WaitReadyAsync(options.StartTimeout, cancellationToken);
        var pathAndQuery = request.RequestUri is { IsAbsoluteUri: true } absolute ? absolute.PathAndQuery : request.RequestUri?.OriginalString ?? "/";
        request.RequestUri = new Uri($"http://127.0.0.1:{port}{pathAndQuery}");
        AddFcHeaders(request, NewRequestId(), "/http-invoke");
        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        var current = Volatile.Read(ref ready).Task;
        var port = current.IsCompletedSuccessfully ? current.Result : 0;
        if (port > 0 && function.PreStopTimeoutSeconds is { } preStop && process is { HasExited: false })
        {
            await CallLifecycleAsync(HttpMethod.Get, port, PreStopPath, TimeSpan.FromSeconds(preStop), CancellationToken.None);
        }

        // Stop supervising first, so the ending process is not taken for a crash and restarted.
        await stopping.CancelAsync();
        if (supervisor is not null)
        {
            await supervisor.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        await StopProcessAsync();
        process?.Dispose();
        http.Dispose();
        stopping.Dispose();
    }

    private async Task<int> WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref ready).Task;
        try
        {
            return await current.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{function.FunctionName} did not become ready within {timeout.TotalSeconds:0} s (see {log.Path})");
        }
    }

    private void AddFcHeaders(HttpRequestMessage request, string requestId, string controlPath)
    {
        request.Headers.Add("x-fc-request-id", requestId);
        request.Headers.Add("x-fc-function-name", function.FunctionName);
        request.Headers.Add("x-fc-region", function.Region);
        request.Headers.Add("x-fc-account-id", environment.GetValueOrDefault("FC_ACCOUNT_ID", string.Empty));
        request.Headers.Add("x-fc-function-memory", function.MemorySize.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("x-fc-function-timeout", function.TimeoutSeconds.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("x-fc-qualifier", "LATEST");
        request.Headers.Add("x-fc-version-id", "LATEST");
        request.Headers.Add("x-fc-control-path", controlPath);
        request.Headers.Add("x-fc-service-logproject", string.Empty);
        request.Headers.Add("x-fc-service-logstore", string.Empty);
        if (function.Runtime is "custom" or "custom.debian10")
        {
            // The older runtimes also hand the STS credentials over in headers; debian11+ only in the environment.
            request.Headers.Add("x-fc-access-key-id", environment[EnvironmentCredentials.AccessKeyIdVariable]);
            request.Headers.Add("x-fc-access-key-secret", environment[EnvironmentCredentials.AccessKeySecretVariable]);
            request.Headers.Add("x-fc-security-token", environment[EnvironmentCredentials.SecurityTokenVariable]);
        }
    }

    /// <summary>An FC-style request id (<c>1-xxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx</c>).</summary>
    internal static string NewRequestId() => "1-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)) + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    private static TaskCompletionSource<int> NewReady() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
