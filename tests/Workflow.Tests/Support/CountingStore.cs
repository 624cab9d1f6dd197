using Orchestrator.Storage;

namespace Orchestrator.Workflow.Tests.Support;

/// <summary>The real object store, with every call recorded (operation and key, or prefix for a listing).</summary>
public sealed class CountingStore(IObjectStore inner) : IObjectStore
{
    private readonly List<Call> _calls = [];

    public IReadOnlyList<Call> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    public Task<PutResult> PutAsync(string bucket, string key, Stream content, PutOptions? options, CancellationToken cancellationToken) =>
        Record("PUT", key, () => inner.PutAsync(bucket, key, content, options, cancellationToken));

    public Task<ObjectContent> GetAsync(string bucket, string key, GetOptions? options, CancellationToken cancellationToken) =>
        Record("GET", key, () => inner.GetAsync(bucket, key, options, cancellationToken));

    public Task<ObjectMetadata?> HeadAsync(string bucket, string key, CancellationToken cancellationToken) =>
        Record("HEAD", key, () => inner.HeadAsync(bucket, key, cancellationToken));

    public Task<PutResult> CopyAsync(string sourceBucket, string sourceKey, string bucket, string key, CopyOptions? options, CancellationToken cancellationToken) =>
        Record("COPY", key, () => inner.CopyAsync(sourceBucket, sourceKey, bucket, key, options, cancellationToken));

    public Task DeleteAsync(string bucket, string key, CancellationToken cancellationToken) =>
        Record("DELETE", key, () => inner.DeleteAsync(bucket, key, cancellationToken));

    public Task<ListPage> ListAsync(string bucket, ListRequest request, CancellationToken cancellationToken) =>
        Record("LIST", request?.Prefix ?? "", () => inner.ListAsync(bucket, request!, cancellationToken));

    private T Record<T>(string operation, string key, Func<T> call)
    {
        lock (_calls)
        {
            _calls.Add(new Call(operation, key));
        }

        return call();
    }

    public sealed record Call(string Operation, string Key);
}
