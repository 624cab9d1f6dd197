namespace Orchestrator.Functions.Initialize.Tests.Support;

/// <summary>Per test: a fresh local OSS server and the Initialize composition over it, with a 90 s budget for every wait.</summary>
public abstract class InitializeTestBase : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(90));
    private TestStore? _store;
    private InitializeHost? _host;

    protected CancellationToken Timeout => _timeout.Token;

    internal TestStore Store => _store ?? throw new InvalidOperationException("not started");

    internal InitializeHost Host => _host ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _store = await TestStore.StartAsync(Timeout);
        _host = await InitializeHost.StartAsync(_store.Store, _store.Bucket, Timeout);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        _timeout.Dispose();
    }
}
