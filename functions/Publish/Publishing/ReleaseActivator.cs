using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Sites;
using Orchestrator.Functions.Publish.Cdn;
using Orchestrator.Functions.Publish.Content;
using Orchestrator.Functions.Publish.Options;
using Orchestrator.Functions.Publish.Releases;
using Orchestrator.Functions.Publish.Scanning;
using Orchestrator.Storage;

namespace Orchestrator.Functions.Publish.Publishing;

/// <summary>
/// Puts a release live without a broken moment, for a publish and a rollback alike: new blobs first, then the
/// changed non-html files (server-side copies from the blobs), then the changed html, then the release manifest and
/// the pointer; the CDN is refreshed after the switch, and only then is anything deleted — and only what no kept
/// release and no publish still in flight needs.
/// </summary>
public sealed class ReleaseActivator(
    IObjectStore store,
    ReleaseStore releases,
    ICdnRefresher cdn,
    PublishOptions options,
    TimeProvider time,
    ILogger<ReleaseActivator> logger)
{
    private const string BlobType = "application/octet-stream";

    public async Task<SwitchResult> SwitchAsync(SiteSnapshot snapshot, SwitchPlan plan, CancellationToken cancellationToken)
    {
        var site = snapshot.Site;
        var target = plan.Target;
        var alreadyLive = snapshot.Pointer?.JobId == target.JobId;
        var changed = ChangedPaths(snapshot, target);
        var stored = snapshot.StoredHashes();
        var newHashes = changed.Select(p => target.Files[p].Sha256).Where(h => !stored.Contains(h)).Distinct(StringComparer.Ordinal).ToList();
        logger.PublishPlanned(site, target.JobId, target.SiteSequence, target.Files.Count, changed.Count, newHashes.Count);

        // Recorded before the first write, so a crash from here on cannot leave the site differing from the live
        // manifest without the next publish knowing which paths to distrust.
        await releases.PutPendingAsync(site, new PendingChange(plan.PendingId, plan.PendingSequence, changed, newHashes), cancellationToken);

        await ForEachAsync(newHashes, (hash, token) => UploadBlobAsync(site, hash, plan.LocalFiles, token), cancellationToken);
        await ForEachAsync(changed.Where(p => !ContentTypes.IsHtml(p)), (path, token) => CopyToSiteAsync(site, path, target.Files[path], plan.LocalFiles, token), cancellationToken);
        await ForEachAsync(changed.Where(ContentTypes.IsHtml), (path, token) => CopyToSiteAsync(site, path, target.Files[path], plan.LocalFiles, token), cancellationToken);

        if (plan.WriteManifest)
        {
            await releases.PutManifestAsync(target, cancellationToken);
        }

        // With the files and before the pointer: a release is served by its own routing from the moment it is live.
        await releases.PutRoutingAsync(site, target.Routing ?? new SiteRouting(), cancellationToken);

        var pointer = await releases.GetPointerAsync(site, cancellationToken);
        if (plan.PointerSequence is { } sequence)
        {
            SequenceGuard.EnsureNotSuperseded(pointer, target.JobId, sequence);
        }

        var highest = Math.Max(pointer?.HighestSequence ?? target.SiteSequence, target.SiteSequence);
        await releases.PutPointerAsync(site, new SitePointer(target.JobId, target.SiteSequence, highest, time.GetUtcNow(), plan.Reason), cancellationToken);
        logger.Switched(site, target.JobId, plan.Reason);

        var refreshed = await RefreshCdnAsync(site, changed, alreadyLive, cancellationToken);
        var (pruned, deleted) = await CleanUpAsync(snapshot, plan, cancellationToken);
        return new SwitchResult(site, target.JobId, target.Files.Count, changed.Count, target.Files.Count - changed.Count, newHashes.Count, deleted, pruned, refreshed, changed);
    }

    /// <summary>
    /// Paths whose served object may differ from the target: absent from or different in the live manifest, or
    /// touched by a publish/rollback that never finished.
    /// </summary>
    private static List<string> ChangedPaths(SiteSnapshot snapshot, ReleaseManifest target)
    {
        var live = snapshot.Live;
        var dirty = snapshot.Pending.SelectMany(p => p.Paths).ToHashSet(StringComparer.Ordinal);
        return target.Files
            .Where(f => dirty.Contains(f.Key) || live is null || !live.Files.TryGetValue(f.Key, out var was) || was != f.Value)
            .Select(f => f.Key)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private async Task UploadBlobAsync(string site, string hash, IReadOnlyDictionary<string, LocalFile> localFiles, CancellationToken cancellationToken)
    {
        if (!localFiles.TryGetValue(hash, out var file))
        {
            throw new StageFailedException(PublishErrorCodes.BlobMissing, $"No stored copy or local file holds content {hash} of site {site}.", retryable: false);
        }

        await using var stream = new FileStream(file.FullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await store.PutAsync(options.SiteBucket, SiteKeys.Blob(site, hash), stream, new PutOptions { ContentType = BlobType }, cancellationToken);
    }

    private async Task CopyToSiteAsync(string site, string path, ReleaseFile file, IReadOnlyDictionary<string, LocalFile> localFiles, CancellationToken cancellationToken)
    {
        try
        {
            await CopyBlobAsync(site, path, file, cancellationToken);
        }
        catch (ObjectNotFoundException) when (localFiles.ContainsKey(file.Sha256))
        {
            // A blob a manifest promised is gone (pruned by hand, say): the build output still has the bytes.
            logger.BlobReuploaded(site, file.Sha256);
            await UploadBlobAsync(site, file.Sha256, localFiles, cancellationToken);
            await CopyBlobAsync(site, path, file, cancellationToken);
        }
        catch (ObjectNotFoundException ex)
        {
            throw new StageFailedException(PublishErrorCodes.BlobMissing, $"The stored copy of '{path}' ({file.Sha256}) of site {site} is missing.", retryable: false, ex);
        }
    }

    private Task CopyBlobAsync(string site, string path, ReleaseFile file, CancellationToken cancellationToken) =>
        store.CopyAsync(
            options.SiteBucket,
            SiteKeys.Blob(site, file.Sha256),
            options.SiteBucket,
            SiteKeys.SiteFile(site, path),
            new CopyOptions
            {
                ReplaceMetadata = true,
                ContentType = file.ContentType,
                CacheControl = file.CacheControl,
                Metadata = new Dictionary<string, string>(file.Meta ?? new Dictionary<string, string>()) { ["sha256"] = file.Sha256 },
            },
            cancellationToken);

    private async Task<bool> RefreshCdnAsync(string site, IReadOnlyList<string> changed, bool alreadyLive, CancellationToken cancellationToken)
    {
        if (!cdn.IsConfigured || (changed.Count == 0 && !alreadyLive))
        {
            return false;
        }

        // A retry after the switch cannot know what its first attempt changed, so it purges the whole site.
        var request = new CdnRefreshRequest(site, alreadyLive ? [] : changed, WholeSite: alreadyLive);
        try
        {
            await cdn.RefreshAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OrchestratorException)
        {
            throw new StageFailedException(PublishErrorCodes.CdnRefreshFailed, $"The CDN refresh of site {site} failed: {ex.Message}", retryable: true, ex);
        }

        logger.CdnRefreshed(site, request.Paths.Count, request.WholeSite);
        return true;
    }

    private async Task<(int Pruned, int Deleted)> CleanUpAsync(SiteSnapshot snapshot, SwitchPlan plan, CancellationToken cancellationToken)
    {
        var site = snapshot.Site;
        var target = plan.Target;
        var byNewest = snapshot.Manifests.Where(m => m.JobId != target.JobId).Append(target)
            .OrderByDescending(m => m.SiteSequence).ThenBy(m => m.JobId, StringComparer.Ordinal).ToList();
        var kept = byNewest.Take(options.KeepReleases).ToList();
        if (!kept.Contains(target))
        {
            kept.Add(target);
        }

        var pruned = byNewest.Except(kept).ToList();
        await ForEachAsync(pruned, (m, token) => releases.DeleteManifestAsync(site, m.JobId, token), cancellationToken);

        // Read again: a newer publish may have started since the snapshot; what it is writing must survive.
        var pending = await releases.ListPendingAsync(site, cancellationToken);
        var inFlight = pending.Where(p => p.Id != plan.PendingId && p.SiteSequence > plan.PendingSequence).ToList();

        var keepPaths = kept.SelectMany(m => m.Files.Keys).Concat(inFlight.SelectMany(p => p.Paths)).ToHashSet(StringComparer.Ordinal);
        var sitePrefix = SiteKeys.SiteFile(site, "");
        var staleFiles = (await releases.ListKeysAsync(sitePrefix, null, cancellationToken))
            .Where(key => !keepPaths.Contains(key[sitePrefix.Length..])).ToList();
        await ForEachAsync(staleFiles, (key, token) => store.DeleteAsync(options.SiteBucket, key, token), cancellationToken);

        var keepHashes = kept.SelectMany(m => m.Files.Values).Select(f => f.Sha256).Concat(inFlight.SelectMany(p => p.Hashes)).ToHashSet(StringComparer.Ordinal);
        var blobPrefix = SiteKeys.BlobsPrefix(site);
        var staleBlobs = (await releases.ListKeysAsync(blobPrefix, null, cancellationToken))
            .Where(key => !keepHashes.Contains(key[blobPrefix.Length..])).ToList();
        await ForEachAsync(staleBlobs, (key, token) => store.DeleteAsync(options.SiteBucket, key, token), cancellationToken);

        // Own record last, with those of older work that can no longer switch: their paths now match the live manifest.
        await ForEachAsync(pending.Except(inFlight), (p, token) => releases.DeletePendingAsync(site, p.Id, token), cancellationToken);
        logger.CleanedUp(site, pruned.Count, staleFiles.Count, staleBlobs.Count);
        return (pruned.Count, staleFiles.Count);
    }

    private Task ForEachAsync<T>(IEnumerable<T> items, Func<T, CancellationToken, Task> action, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            items,
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelism, CancellationToken = cancellationToken },
            async (item, token) => await action(item, token));
}
