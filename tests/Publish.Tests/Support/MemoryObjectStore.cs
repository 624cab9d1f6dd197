using System.Collections.Concurrent;
using System.Security.Cryptography;
using Orchestrator.Storage;

namespace Orchestrator.Functions.Publish.Tests.Support;

/// <summary>Interim in-process store until the local OSS server's fixture lands; same semantics as the port documents.</summary>
public sealed class MemoryObjectStore : IObjectStore
{
    private readonly ConcurrentDictionary<(string Bucket, string Key), (byte[] Body, ObjectMetadata Meta)> _objects = new();

    public async Task<PutResult> PutAsync(string bucket, string key, Stream content, PutOptions? options, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        var body = buffer.ToArray();
        var etag = "\"" + Convert.ToHexString(MD5.HashData(body)) + "\"";
        var meta = new ObjectMetadata(key, body.Length, etag, DateTimeOffset.UnixEpoch, options?.ContentType, options?.CacheControl, options?.Metadata ?? new Dictionary<string, string>());
        if (options?.ForbidOverwrite == true && !_objects.TryAdd((bucket, key), (body, meta)))
        {
            throw new ObjectAlreadyExistsException(key, null);
        }

        _objects[(bucket, key)] = (body, meta);
        return new PutResult(etag, null);
    }

    public Task<ObjectContent> GetAsync(string bucket, string key, GetOptions? options, CancellationToken cancellationToken) =>
        _objects.TryGetValue((bucket, key), out var o)
            ? Task.FromResult(new ObjectContent(o.Meta, new MemoryStream(o.Body, writable: false)))
            : throw new ObjectNotFoundException("NoSuchKey", key, null);

    public Task<ObjectMetadata?> HeadAsync(string bucket, string key, CancellationToken cancellationToken) =>
        Task.FromResult(_objects.TryGetValue((bucket, key), out var o) ? o.Meta : null);

    public Task<PutResult> CopyAsync(string sourceBucket, string sourceKey, string bucket, string key, CopyOptions? options, CancellationToken cancellationToken)
    {
        if (!_objects.TryGetValue((sourceBucket, sourceKey), out var o))
        {
            throw new ObjectNotFoundException("NoSuchKey", sourceKey, null);
        }

        var meta = options?.ReplaceMetadata == true
            ? o.Meta with { Key = key, ContentType = options.ContentType, CacheControl = options.CacheControl, Metadata = options.Metadata }
            : o.Meta with { Key = key };
        _objects[(bucket, key)] = (o.Body, meta);
        return Task.FromResult(new PutResult(meta.ETag, null));
    }

    public Task DeleteAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        _objects.TryRemove((bucket, key), out _);
        return Task.CompletedTask;
    }

    public Task<ListPage> ListAsync(string bucket, ListRequest request, CancellationToken cancellationToken)
    {
        var prefix = request.Prefix ?? "";
        var after = request.ContinuationToken ?? request.StartAfter ?? "";
        var objects = new List<ListedObject>();
        var prefixes = new SortedSet<string>(StringComparer.Ordinal);
        string? last = null;
        foreach (var (key, o) in _objects.Where(e => e.Key.Bucket == bucket && e.Key.Key.StartsWith(prefix, StringComparison.Ordinal) && string.CompareOrdinal(e.Key.Key, after) > 0)
            .Select(e => (e.Key.Key, e.Value)).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (objects.Count + prefixes.Count >= request.MaxKeys)
            {
                return Task.FromResult(new ListPage(objects, prefixes.ToList(), true, last));
            }

            var cut = request.Delimiter is { } d ? key.IndexOf(d, prefix.Length, StringComparison.Ordinal) : -1;
            if (cut >= 0)
            {
                prefixes.Add(key[..(cut + 1)]);
            }
            else
            {
                objects.Add(new ListedObject(key, o.Body.Length, o.Meta.ETag, o.Meta.LastModified));
            }

            last = key;
        }

        return Task.FromResult(new ListPage(objects, prefixes.ToList(), false, null));
    }
}
