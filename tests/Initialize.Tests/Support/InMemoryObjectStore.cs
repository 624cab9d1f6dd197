using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Orchestrator.Storage;

namespace Orchestrator.Functions.Initialize.Tests.Support;

/// <summary>
/// TEMPORARY stand-in for the local OSS server until the OSS client and server land on main (then
/// <see cref="TestStore"/> switches to them and this file goes). Keeps OSS's listing order, StartAfter, MaxKeys,
/// continuation and forbid-overwrite semantics.
/// </summary>
internal sealed class InMemoryObjectStore : IObjectStore
{
    private readonly ConcurrentDictionary<string, (byte[] Body, ObjectMetadata Meta)> _objects = new(StringComparer.Ordinal);

    public async Task<PutResult> PutAsync(string bucket, string key, Stream content, PutOptions? options, CancellationToken cancellationToken)
    {
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy, cancellationToken);
        var body = copy.ToArray();
        var etag = "\"" + Convert.ToHexString(MD5.HashData(body)) + "\"";
        var meta = new ObjectMetadata(key, body.Length, etag, DateTimeOffset.UtcNow, options?.ContentType, options?.CacheControl, options?.Metadata ?? new Dictionary<string, string>());
        if (options?.ForbidOverwrite == true ? !_objects.TryAdd(Key(bucket, key), (body, meta)) : false)
        {
            throw new ObjectAlreadyExistsException("exists", null);
        }

        _objects[Key(bucket, key)] = (body, meta);
        return new PutResult(etag, null);
    }

    public Task<ObjectContent> GetAsync(string bucket, string key, GetOptions? options, CancellationToken cancellationToken) =>
        _objects.TryGetValue(Key(bucket, key), out var entry)
            ? Task.FromResult(new ObjectContent(entry.Meta, new MemoryStream(entry.Body, writable: false)))
            : throw new ObjectNotFoundException("NoSuchKey", "The specified key does not exist.", null);

    public Task<ObjectMetadata?> HeadAsync(string bucket, string key, CancellationToken cancellationToken) =>
        Task.FromResult(_objects.TryGetValue(Key(bucket, key), out var entry) ? entry.Meta : null);

    public Task<PutResult> CopyAsync(string sourceBucket, string sourceKey, string bucket, string key, CopyOptions? options, CancellationToken cancellationToken) =>
        throw new NotSupportedException("not needed by the status API tests");

    public Task DeleteAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        _objects.TryRemove(Key(bucket, key), out _);
        return Task.CompletedTask;
    }

    public Task<ListPage> ListAsync(string bucket, ListRequest request, CancellationToken cancellationToken)
    {
        var after = request.ContinuationToken ?? request.StartAfter ?? "";
        var keys = _objects.Keys
            .Where(k => k.StartsWith(bucket + "/", StringComparison.Ordinal))
            .Select(k => k[(bucket.Length + 1)..])
            .Where(k => k.StartsWith(request.Prefix ?? "", StringComparison.Ordinal) && string.CompareOrdinal(k, after) > 0)
            .Order(StringComparer.Ordinal)
            .ToList();
        var page = keys.Take(request.MaxKeys).ToList();
        var objects = page.Select(k => _objects[Key(bucket, k)].Meta).Select(m => new ListedObject(m.Key, m.ContentLength, m.ETag, m.LastModified)).ToList();
        var truncated = keys.Count > page.Count;
        return Task.FromResult(new ListPage(objects, [], truncated, truncated ? page[^1] : null));
    }

    private static string Key(string bucket, string key) => bucket + "/" + key.ToString(CultureInfo.InvariantCulture);
}
