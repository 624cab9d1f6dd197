using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Hosting.Logging;
using Orchestrator.Hosting.Tests.Support;

namespace Orchestrator.Hosting.Tests.InProcess;

/// <summary>The host library running inside the test process on a loopback port, with a test's own handler.</summary>
internal sealed class InProcessHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly StringWriter _log;

    private InProcessHost(WebApplication app, StringWriter log, int port)
    {
        _app = app;
        _log = log;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = FunctionProcess.WaitTimeout };
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static Task<InProcessHost> StartAsync(Action<IServiceCollection> configure, params string[] settings) =>
        StartAsync(configure, _ => { }, settings);

    /// <summary>As the simpler overload, with <paramref name="routes"/> mapping the function's own HTTP routes.</summary>
    public static async Task<InProcessHost> StartAsync(Action<IServiceCollection> configure, Action<WebApplication> routes, params string[] settings)
    {
        var port = FreePort.Next();
        string[] args =
        [
            $"--FC_CUSTOM_LISTEN_PORT={port.ToString(CultureInfo.InvariantCulture)}",
            "--ORCHESTRATOR_LISTEN_ADDRESS=127.0.0.1",
            "--ALIBABA_CLOUD_ACCESS_KEY_ID=LTAIinProcEnv",
            "--ALIBABA_CLOUD_ACCESS_KEY_SECRET=in-process-env-secret",
            "--FC_FUNCTION_NAME=env-function",
            "--FC_REGION=cn-shanghai",
            "--FC_FUNCTION_MEMORY_SIZE=1024",
            .. settings.Select(s => "--" + s),
        ];
        var builder = FunctionHostBuilder.Create(args);
        var log = new StringWriter();
        builder.Services.AddSingleton(new LogSink(TextWriter.Synchronized(log)));
        configure(builder.Services);
        var app = builder.Build();
        routes(app);
        await app.StartAsync();
        return new InProcessHost(app, log, port);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        using var stop = new CancellationTokenSource(FunctionProcess.WaitTimeout);
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
