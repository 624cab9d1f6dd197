using Orchestrator.Storage;

namespace Orchestrator.Workflow.Tests.Support;

/// <summary>
/// The real object store with one injected fault: the next write whose key matches throws, as if the process died
/// right there. Used to crash the coordinator between its journal append and its head update.
/// </summary>
public sealed class FaultyStore(IObjectStore inner) : IObjectStore
{
    private Func<string, bool>? _failNextPut;

    public void FailNextPut(Func<string, bool> matches) => _failNextPut = matches;

    public Task<PutResult> PutAsync(string bucket, string key, Stream content, PutOptions? options, CancellationToken cancellationToken)
    {
        if (_failNextPut is { } matches && matches(key))
        {
            _failNextPut = null;
            throw new IOException($"injected crash before writing {key}");
        }

        return inner.PutAsync(bucket, key, content, options, cancellationToken);
    }

    public Task<ObjectContent> GetAsync(string bucket, string key, GetOptions? options, CancellationToken cancellationToken) =>
        inner.GetAsync(bucket, key, options, cancellationToken);

    public Task<ObjectMetadata?> HeadAsync(string bucket, string key, CancellationToken cancellationToken) =>
        inner.HeadAsync(bucket, key, cancellationToken);

    public Task<PutResult> CopyAsync(string sourceBucket, string sourceKey, string bucket, string key, CopyOptions? options, CancellationToken cancellationToken) =>
        inner.CopyAsync(sourceBucket, sourceKey, bucket, key, options, cancellationToken);

    public Task DeleteAsync(string bucket, string key, CancellationToken cancellationToken) =>
        inner.DeleteAsync(bucket, key, cancellationToken);

    public Task<ListPage> ListAsync(string bucket, ListRequest request, CancellationToken cancellationToken) =>
        inner.ListAsync(bucket, request, cancellationToken);
}
