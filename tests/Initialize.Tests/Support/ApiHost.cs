using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestrator.Functions.Initialize.Api;
using Orchestrator.Storage;
using Orchestrator.Workflow;

namespace Orchestrator.Functions.Initialize.Tests.Support;

/// <summary>The status routes on a real Kestrel bound to 127.0.0.1 on a free port, over the given store and coordinator.</summary>
internal sealed class ApiHost : IAsyncDisposable
{
    public const string OpsToken = "ops-token-for-tests";
    public const string ReadToken = "read-token-for-tests";

    private readonly WebApplication _app;

    private ApiHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<ApiHost> StartAsync(
        IObjectStore store,
        string bucket,
        ICoordinator coordinator,
        CancellationToken cancellationToken,
        string? opsToken = OpsToken,
        string? readToken = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ORCHESTRATOR_BUCKET"] = bucket,
            ["ORCHESTRATOR_OPS_TOKEN"] = opsToken,
            ["ORCHESTRATOR_READ_TOKEN"] = readToken,
        });
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(coordinator);
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapStatusApi();
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ApiHost(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
