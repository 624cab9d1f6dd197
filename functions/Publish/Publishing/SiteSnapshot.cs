using Orchestrator.Functions.Publish.Releases;

namespace Orchestrator.Functions.Publish.Publishing;

/// <summary>A site's release records as read at the start of a publish or rollback.</summary>
public sealed record SiteSnapshot(
    string Site,
    SitePointer? Pointer,
    IReadOnlyList<ReleaseManifest> Manifests,
    IReadOnlyList<PendingChange> Pending)
{
    /// <summary>The live release's manifest, or null for a site never published (or whose manifest is gone).</summary>
    public ReleaseManifest? Live =>
        Pointer is null ? null : Manifests.FirstOrDefault(m => m.JobId == Pointer.JobId);

    /// <summary>Hashes some stored manifest references: their blobs exist, since blobs are pruned after manifests.</summary>
    public IReadOnlySet<string> StoredHashes() =>
        Manifests.SelectMany(m => m.Files.Values).Select(f => f.Sha256).ToHashSet(StringComparer.Ordinal);

    public static async Task<SiteSnapshot> ReadAsync(ReleaseStore releases, string site, CancellationToken cancellationToken)
    {
        var pointer = await releases.GetPointerAsync(site, cancellationToken);
        var manifests = await releases.ListManifestsAsync(site, cancellationToken);
        var pending = await releases.ListPendingAsync(site, cancellationToken);
        return new SiteSnapshot(site, pointer, manifests, pending);
    }
}
