using Orchestrator.Contracts.Errors;
using Orchestrator.Functions.Publish.Options;
using Orchestrator.Functions.Publish.Releases;

namespace Orchestrator.Functions.Publish.Publishing;

/// <summary>
/// One publish or rollback of a site at a time, across every Publish instance FC runs. Deciding what to upload,
/// writing the site's files and switching its pointer read and write the same objects, and OSS has no conditional
/// overwrite, so two publishes of one site at once could interleave their files or put the older release live.
/// <para>
/// The lease is a create-only object: lease <c>n+1</c> can be created by exactly one contender, and only when lease
/// <c>n</c> is gone (released), has expired (its holder died), or belongs to the same holder (a redelivery of the
/// publish whose instance died). A lease lasts <see cref="PublishOptions.LeaseDuration"/>, longer than Publish's FC
/// timeout, so it never expires under a holder still running. A contender waits, polling with backoff, up to
/// <see cref="PublishOptions.LeaseWait"/>, then fails retryably with <see cref="PublishErrorCodes.SiteBusy"/>.
/// </para>
/// </summary>
public sealed class SiteLeases(ReleaseStore releases, PublishOptions options, TimeProvider time, ILogger<SiteLeases> logger)
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromSeconds(5);

    /// <summary>Waits for the site's lease and takes it; dispose the result to release it.</summary>
    /// <exception cref="StageFailedException"><see cref="PublishErrorCodes.SiteBusy"/> when the wait runs out.</exception>
    public async Task<IAsyncDisposable> AcquireAsync(string site, string holder, CancellationToken cancellationToken)
    {
        var giveUpAt = time.GetUtcNow() + options.LeaseWait;
        var poll = FirstPoll;
        while (true)
        {
            var latest = await releases.GetLatestLeaseAsync(site, cancellationToken);
            var now = time.GetUtcNow();
            if (latest is not { } held || held.Lease.ExpiresAt <= now || held.Lease.Holder == holder)
            {
                var number = (latest?.Number ?? 0) + 1;
                if (await releases.TryCreateLeaseAsync(site, number, new SiteLease(holder, now, now + options.LeaseDuration), cancellationToken))
                {
                    if (latest is { } previous)
                    {
                        // Taken over from an expired holder or an earlier delivery of this one: its key goes.
                        logger.LeaseTakenOver(site, holder, previous.Lease.Holder);
                        await releases.DeleteLeaseAsync(site, previous.Number, cancellationToken);
                    }

                    return new Held(releases, site, number);
                }

                // Another contender created it first: look again at once.
                continue;
            }

            if (now >= giveUpAt)
            {
                throw new StageFailedException(
                    PublishErrorCodes.SiteBusy,
                    $"Site {site} is being published by {held.Lease.Holder} (since {held.Lease.AcquiredAt:u}, lease until {held.Lease.ExpiresAt:u}); waited {options.LeaseWait.TotalSeconds:0} s.",
                    retryable: true);
            }

            logger.WaitingForLease(site, holder, held.Lease.Holder);
            await Task.Delay(poll, time, cancellationToken);
            poll = TimeSpan.FromTicks(Math.Min(poll.Ticks * 2, LongestPoll.Ticks));
        }
    }

    private sealed class Held(ReleaseStore releases, string site, long number) : IAsyncDisposable
    {
        // Released even when the publish was cancelled: a lease left behind would hold the site until it expires.
        public async ValueTask DisposeAsync() => await releases.DeleteLeaseAsync(site, number, CancellationToken.None);
    }
}
