using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Functions.Publish.Options;
using Orchestrator.Storage;

namespace Orchestrator.Functions.Publish.Releases;

/// <summary>Reads and writes a site's release records (manifests, the current pointer, pending changes) in the site bucket.</summary>
public sealed class ReleaseStore(IObjectStore store, PublishOptions options)
{
    private const string JsonType = "application/json; charset=utf-8";

    private string Bucket => options.SiteBucket;

    public Task<SitePointer?> GetPointerAsync(string site, CancellationToken cancellationToken) =>
        ReadAsync(ObjectKeys.SiteCurrent(site), PublishJsonContext.Default.SitePointer, cancellationToken);

    public Task PutPointerAsync(string site, SitePointer pointer, CancellationToken cancellationToken) =>
        WriteAsync(ObjectKeys.SiteCurrent(site), pointer, PublishJsonContext.Default.SitePointer, cancellationToken);

    public Task<ReleaseManifest?> GetManifestAsync(string site, string jobId, CancellationToken cancellationToken) =>
        ReadAsync(ObjectKeys.SiteRelease(site, jobId), PublishJsonContext.Default.ReleaseManifest, cancellationToken);

    public Task PutManifestAsync(ReleaseManifest manifest, CancellationToken cancellationToken) =>
        WriteAsync(ObjectKeys.SiteRelease(manifest.Site, manifest.JobId), manifest, PublishJsonContext.Default.ReleaseManifest, cancellationToken);

    /// <summary>Writes the live release's routing document (<see cref="ObjectKeys.SiteRouting"/>).</summary>
    public Task PutRoutingAsync(string site, Contracts.Sites.SiteRouting routing, CancellationToken cancellationToken) =>
        WriteAsync(ObjectKeys.SiteRouting(site), routing, Contracts.Sites.SiteRoutingJsonContext.Default.SiteRouting, cancellationToken);

    public Task DeleteManifestAsync(string site, string jobId, CancellationToken cancellationToken) =>
        store.DeleteAsync(Bucket, ObjectKeys.SiteRelease(site, jobId), cancellationToken);

    /// <summary>Every release manifest the site still has (the pointer and the blob/pending folders are not manifests).</summary>
    public async Task<IReadOnlyList<ReleaseManifest>> ListManifestsAsync(string site, CancellationToken cancellationToken)
    {
        var prefix = ObjectKeys.SiteReleasesPrefix(site);
        var current = ObjectKeys.SiteCurrent(site);
        var manifests = new List<ReleaseManifest>();
        foreach (var key in await ListKeysAsync(prefix, "/", cancellationToken))
        {
            if (key == current || !key.EndsWith(".json", StringComparison.Ordinal))
            {
                continue;
            }

            // A manifest deleted by a concurrent prune between the listing and the read is simply gone.
            if (await ReadAsync(key, PublishJsonContext.Default.ReleaseManifest, cancellationToken) is { } manifest)
            {
                manifests.Add(manifest);
            }
        }

        return manifests;
    }

    public Task PutPendingAsync(string site, PendingChange pending, CancellationToken cancellationToken) =>
        WriteAsync(SiteKeys.Pending(site, pending.Id), pending, PublishJsonContext.Default.PendingChange, cancellationToken);

    public Task DeletePendingAsync(string site, string id, CancellationToken cancellationToken) =>
        store.DeleteAsync(Bucket, SiteKeys.Pending(site, id), cancellationToken);

    public async Task<IReadOnlyList<PendingChange>> ListPendingAsync(string site, CancellationToken cancellationToken)
    {
        var pending = new List<PendingChange>();
        foreach (var key in await ListKeysAsync(SiteKeys.PendingPrefix(site), null, cancellationToken))
        {
            if (await ReadAsync(key, PublishJsonContext.Default.PendingChange, cancellationToken) is { } change)
            {
                pending.Add(change);
            }
        }

        return pending;
    }

    /// <summary>The site's newest lease and its number, or null when it has none.</summary>
    public async Task<(long Number, SiteLease Lease)?> GetLatestLeaseAsync(string site, CancellationToken cancellationToken)
    {
        var prefix = SiteKeys.LeasePrefix(site);
        while (true)
        {
            var newest = (await ListKeysAsync(prefix, "/", cancellationToken))
                .Select(key => long.TryParse(key.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1)
                .DefaultIfEmpty(-1)
                .Max();
            if (newest < 0)
            {
                return null;
            }

            if (await ReadAsync(SiteKeys.Lease(site, newest), PublishJsonContext.Default.SiteLease, cancellationToken) is { } lease)
            {
                return (newest, lease);
            }

            // Deleted between the listing and the read: released, or replaced by a newer one. Never fall back to an
            // older key, which a taker-over may be deleting while its own newer lease already holds the site.
        }
    }

    /// <summary>Creates lease <paramref name="number"/>; false when it exists already (someone else took it).</summary>
    public async Task<bool> TryCreateLeaseAsync(string site, long number, SiteLease lease, CancellationToken cancellationToken)
    {
        try
        {
            await WriteAsync(SiteKeys.Lease(site, number), lease, PublishJsonContext.Default.SiteLease, cancellationToken, forbidOverwrite: true);
            return true;
        }
        catch (ObjectAlreadyExistsException)
        {
            return false;
        }
    }

    /// <summary>Rewrites lease <paramref name="number"/> (its holder pushing the expiry out).</summary>
    public Task RenewLeaseAsync(string site, long number, SiteLease lease, CancellationToken cancellationToken) =>
        WriteAsync(SiteKeys.Lease(site, number), lease, PublishJsonContext.Default.SiteLease, cancellationToken);

    public Task DeleteLeaseAsync(string site, long number, CancellationToken cancellationToken) =>
        store.DeleteAsync(Bucket, SiteKeys.Lease(site, number), cancellationToken);

    /// <summary>All keys under <paramref name="prefix"/> (every page); with a delimiter, only the first level.</summary>
    public async Task<IReadOnlyList<string>> ListKeysAsync(string prefix, string? delimiter, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        string? token = null;
        do
        {
            var page = await store.ListAsync(
                Bucket,
                new ListRequest { Prefix = prefix, Delimiter = delimiter, ContinuationToken = token, MaxKeys = 1000 },
                cancellationToken);
            keys.AddRange(page.Objects.Select(o => o.Key));
            token = page.IsTruncated ? page.NextContinuationToken : null;
        }
        while (token is not null);

        return keys;
    }

    private async Task<T?> ReadAsync<T>(string key, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            await using var content = await store.GetAsync(Bucket, key, null, cancellationToken);
            return await JsonSerializer.DeserializeAsync(content.Content, typeInfo, cancellationToken)
                ?? throw Corrupt(key, null);
        }
        catch (ObjectNotFoundException)
        {
            return null;
        }
        catch (JsonException ex)
        {
            throw Corrupt(key, ex);
        }
    }

    private async Task WriteAsync<T>(string key, T value, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken, bool forbidOverwrite = false)
    {
        using var buffer = new MemoryStream();
        await JsonSerializer.SerializeAsync(buffer, value, typeInfo, cancellationToken);
        buffer.Position = 0;
        await store.PutAsync(Bucket, key, buffer, new PutOptions { ContentType = JsonType, CacheControl = "no-cache", ForbidOverwrite = forbidOverwrite }, cancellationToken);
    }

    private static StageFailedException Corrupt(string key, Exception? inner) =>
        new(PublishErrorCodes.CorruptReleaseRecord, $"The release record '{key}' is not valid JSON of the expected shape.", retryable: false, inner);
}
