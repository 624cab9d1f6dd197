using Orchestrator.Storage;

namespace Orchestrator.Fetch.Tests.Stage;

/// <summary>
/// The real store, except that downloads arrive with one byte flipped (same length), as a faulty proxy or disk
/// would deliver them. The local OSS server itself never corrupts, so this is the only way to exercise the MD5 check.
/// </summary>
public sealed class CorruptingStore(IObjectStore inner) : IObjectStore
{
    public async Task<ObjectContent> GetAsync(string bucket, string key, GetOptions? options, CancellationToken cancellationToken)
    {
        var content = await inner.GetAsync(bucket, key, options, cancellationToken);
        var bytes = new MemoryStream();
        await using (content)
        {
            await content.Content.CopyToAsync(bytes, cancellationToken);
        }

        var buffer = bytes.ToArray();
        buffer[buffer.Length / 2] ^= 0xFF;
        return new ObjectContent(content.Metadata, new MemoryStream(buffer));
    }

    public Task<PutResult> PutAsync(string bucket, string key, Stream content, PutOptions? options, CancellationToken cancellationToken) =>
        inner.PutAsync(bucket, key, content, options, cancellationToken);

    public Task<ObjectMetadata?> HeadAsync(string bucket, string key, CancellationToken cancellationToken) => inner.HeadAsync(bucket, key, cancellationToken);

    public Task<PutResult> CopyAsync(string sourceBucket, string sourceKey, string bucket, string key, CopyOptions? options, CancellationToken cancellationToken) =>
        inner.CopyAsync(sourceBucket, sourceKey, bucket, key, options, cancellationToken);

    public Task DeleteAsync(string bucket, string key, CancellationToken cancellationToken) => inner.DeleteAsync(bucket, key, cancellationToken);

    public Task<ListPage> ListAsync(string bucket, ListRequest request, CancellationToken cancellationToken) => inner.ListAsync(bucket, request, cancellationToken);
}
