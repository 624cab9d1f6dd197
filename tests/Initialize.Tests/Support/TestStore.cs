using Orchestrator.Storage;

namespace Orchestrator.Functions.Initialize.Tests.Support;

/// <summary>The object store the tests run against, and its bucket.</summary>
internal sealed class TestStore : IAsyncDisposable
{
    private TestStore(IObjectStore store, string bucket)
    {
        Store = store;
        Bucket = bucket;
    }

    public IObjectStore Store { get; }

    public string Bucket { get; }

    public static Task<TestStore> StartAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(new TestStore(new InMemoryObjectStore(), "jobs-bucket"));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
