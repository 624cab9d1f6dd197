using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Orchestrator.Contracts.Status;

namespace Orchestrator.Functions.Initialize.Tests.Support;

/// <summary>Per test: a fresh store, the API on loopback over it, a seeder, and a 60 s budget for every wait.</summary>
public abstract class ApiTestBase : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private TestStore? _store;
    private ApiHost? _host;

    protected CancellationToken Timeout => _timeout.Token;

    internal TestStore Store => _store ?? throw new InvalidOperationException("not started");

    internal ApiHost Host => _host ?? throw new InvalidOperationException("not started");

    internal JobSeeder Seeder => new(Store.Store, Store.Bucket);

    internal RecordingCoordinator Coordinator { get; } = new();

    /// <summary>Tokens the host is configured with; a test class overrides to try other settings.</summary>
    internal virtual (string? Ops, string? Read) Tokens => (ApiHost.OpsToken, null);

    public async Task InitializeAsync()
    {
        _store = await TestStore.StartAsync(Timeout);
        await StartDependenciesAsync();
        _host = await ApiHost.StartAsync(Store.Store, Store.Bucket, Coordinator, Timeout, Tokens.Ops, Tokens.Read, Configure);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await StopDependenciesAsync();

        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        _timeout.Dispose();
    }

    /// <summary>Starts what a test class adds to the host (e.g. the local MNS service) before the host starts.</summary>
    internal virtual Task StartDependenciesAsync() => Task.CompletedTask;

    internal virtual ValueTask StopDependenciesAsync() => ValueTask.CompletedTask;

    /// <summary>Adds a test class's settings and services to the host.</summary>
    internal virtual void Configure(WebApplicationBuilder builder)
    {
    }

    protected static async Task<ApiError> ErrorOf(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync(StatusJsonContext.Default.ApiErrorBody);
        Assert.NotNull(body?.Error);
        Assert.False(string.IsNullOrWhiteSpace(body.Error.Message));
        return body.Error;
    }

    protected static async Task<JsonElement> JsonOf(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
