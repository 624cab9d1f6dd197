using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Sites;
using Orchestrator.Functions.Publish.Content;
using Orchestrator.Functions.Publish.Releases;
using Orchestrator.Functions.Publish.Scanning;

namespace Orchestrator.Functions.Publish.Publishing;

/// <summary>
/// The core of the stage: publishes a local directory as release <c>jobId</c> of a site, uploading only what the live
/// release does not already serve.
/// </summary>
public sealed class SitePublisher(
    ReleaseStore releases,
    SiteLeases leases,
    ReleaseActivator activator,
    OutputScanner scanner,
    CachePolicy cachePolicy,
    TimeProvider time)
{
    /// <summary>Publishes <paramref name="directory"/> as the site's release <paramref name="jobId"/>, with the project's routing and headers (null for the defaults).</summary>
    public async Task<SwitchResult> PublishDirectoryAsync(string site, string jobId, long siteSequence, string directory, SiteRouting? routing, CancellationToken cancellationToken)
    {
        SiteNames.EnsureValid(site, "site");
        SiteNames.EnsureValid(jobId, "job id");
        if (jobId == "current")
        {
            // releases/<site>/current.json is the pointer: a release of that name would overwrite it.
            throw new StageFailedException(PublishErrorCodes.InvalidSite, "The job id 'current' is reserved for the site's pointer.", retryable: false);
        }

        // Held from the first read of the site to the end of its clean-up: what is live, pending and kept is
        // decided on, and written, by one publish or rollback at a time.
        await using var lease = await leases.AcquireAsync(site, jobId, cancellationToken);

        // Checked first so a superseded publish uploads nothing; checked again just before the switch.
        var snapshot = await SiteSnapshot.ReadAsync(releases, site, cancellationToken);
        SequenceGuard.EnsureNotSuperseded(snapshot.Pointer, jobId, siteSequence);

        var files = await scanner.ScanAsync(directory, cancellationToken);
        var hints = await BuildAssetHints.ReadAsync(directory, cancellationToken);
        var live = snapshot.Live;
        var manifest = new ReleaseManifest(
            site,
            jobId,
            siteSequence,
            time.GetUtcNow(),
            files.OrderBy(f => f.Path, StringComparer.Ordinal).ToDictionary(
                f => f.Path,
                f => HeaderRules.Apply(f.Path, new ReleaseFile(f.Sha256, f.Size, ContentTypes.For(f.Path), cachePolicy.For(f.Path, f.Sha256, hints, live)), routing),
                StringComparer.Ordinal),
            routing);
        var byHash = files.DistinctBy(f => f.Sha256).ToDictionary(f => f.Sha256, StringComparer.Ordinal);

        var plan = new SwitchPlan(manifest, WriteManifest: true, byHash, PendingId: jobId, PendingSequence: siteSequence, PointerSequence: siteSequence, Reason: "publish");
        return await activator.SwitchAsync(snapshot, plan, cancellationToken);
    }
}
