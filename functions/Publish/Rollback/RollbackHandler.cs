using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Messages;
using Orchestrator.Functions.Publish.Publishing;
using Orchestrator.Functions.Publish.Releases;

namespace Orchestrator.Functions.Publish.Rollback;

/// <summary>
/// Handles <see cref="RollbackRequested"/>: puts a kept release live again by server-side copies from the site's
/// content-addressed blobs, with the same ordering as a publish (assets, html, pointer), and no rebuild.
/// The pointer keeps its high-water sequence, so a redelivered older publish cannot undo the rollback.
/// </summary>
public sealed class RollbackHandler(ReleaseStore releases, SiteLeases leases, ReleaseActivator activator, ILogger<RollbackHandler> logger)
{
    /// <summary>Id of the pending record a rollback writes; one rollback per site at a time.</summary>
    public const string PendingId = "rollback";

    public async Task<SwitchResult> HandleAsync(RollbackRequested request, CancellationToken cancellationToken)
    {
        SiteNames.EnsureValid(request.Site, "site");
        await using var lease = await leases.AcquireAsync(request.Site, "rollback-" + request.MessageId, cancellationToken);
        var snapshot = await SiteSnapshot.ReadAsync(releases, request.Site, cancellationToken);
        var pointer = snapshot.Pointer
            ?? throw NotFound($"Site {request.Site} has no live release to roll back from.");
        var target = request.ToJobId is { } to
            ? snapshot.Manifests.FirstOrDefault(m => m.JobId == to)
                ?? throw NotFound($"Release {to} of site {request.Site} is not kept (kept: {Kept(snapshot)}).")
            : snapshot.Manifests.Where(m => m.SiteSequence < pointer.SiteSequence).MaxBy(m => m.SiteSequence)
                ?? throw NotFound($"Site {request.Site} has no kept release before the live one, {pointer.JobId}.");

        logger.RollbackStarted(request.Site, target.JobId, request.MessageId);
        var plan = new SwitchPlan(target, WriteManifest: false, new Dictionary<string, Scanning.LocalFile>(), PendingId, pointer.HighestSequence, PointerSequence: null, Reason: "rollback");
        return await activator.SwitchAsync(snapshot, plan, cancellationToken);
    }

    private static string Kept(SiteSnapshot snapshot) =>
        string.Join(", ", snapshot.Manifests.OrderByDescending(m => m.SiteSequence).Select(m => m.JobId));

    private static StageFailedException NotFound(string message) =>
        new(PublishErrorCodes.ReleaseNotFound, message, retryable: false);
}
