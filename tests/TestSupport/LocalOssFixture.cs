namespace Orchestrator.TestSupport;

/// <summary>xunit class/collection fixture around <see cref="LocalOss"/>: one server for a test class.</summary>
public sealed class LocalOssFixture : IAsyncLifetime
{
    private LocalOss? _oss;

    public LocalOss Oss => _oss ?? throw new InvalidOperationException("LocalOssFixture is not initialised yet.");

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        _oss = await LocalOss.StartAsync(cancellationToken: timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (_oss is not null)
        {
            await _oss.DisposeAsync();
        }
    }
}
