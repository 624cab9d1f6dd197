using Orchestrator.Storage;
using Orchestrator.TestSupport;

namespace Orchestrator.Functions.Initialize.Tests.Support;

/// <summary>The object store the tests run against: the local OSS server on loopback, through the real OSS client.</summary>
internal sealed class TestStore : IAsyncDisposable
{
    private readonly LocalOss _oss;

    private TestStore(LocalOss oss) => _oss = oss;

    public IObjectStore Store => _oss.Store;

    public string Bucket => _oss.Bucket;

    public static async Task<TestStore> StartAsync(CancellationToken cancellationToken) =>
        new(await LocalOss.StartAsync("jobs-bucket", cancellationToken: cancellationToken));

    public ValueTask DisposeAsync() => _oss.DisposeAsync();
}
