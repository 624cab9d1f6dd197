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
/// publish whose instance died). The holder renews it every third of <see cref="PublishOptions.LeaseDuration"/>, so
/// a short lease frees the site soon after its holder dies and never expires under one still running.
/// </para>
/// <para>
/// A contender polls for up to <see cref="PublishOptions.LeaseWait"/>, then gives the message back
/// (<see cref="StageDeferredException"/>, <see cref="PublishErrorCodes.SiteBusy"/>) rather than keep waiting: with
/// few instances, the holder's own redelivery may need the very instance a waiter would hold.
/// </para>
/// </summary>
public sealed class SiteLeases(ReleaseStore releases, PublishOptions options, TimeProvider time, ILogger<SiteLeases> logger)
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromSeconds(2);

    /// <summary>Waits for the site's lease and takes it; dispose the result to release it.</summary>
    /// <exception cref="StageDeferredException"><see cref="PublishErrorCodes.SiteBusy"/> when the wait runs out.</exception>
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
                var lease = new SiteLease(holder, now, now + options.LeaseDuration);
                if (await releases.TryCreateLeaseAsync(site, number, lease, cancellationToken))
                {
                    var taken = new Held(this, site, number, lease);
                    if (latest is { } previous)
                    {
                        logger.LeaseTakenOver(site, holder, previous.Lease.Holder);
                        await DeleteSupersededAsync(site, previous.Number, cancellationToken);
                    }

                    return taken;
                }

                // Another contender created it first: look again at once.
                continue;
            }

            if (now >= giveUpAt)
            {
                throw new StageDeferredException(
                    PublishErrorCodes.SiteBusy,
                    $"Site {site} is being published by {held.Lease.Holder} (since {held.Lease.AcquiredAt:u}, lease until {held.Lease.ExpiresAt:u}); this publish comes back later.");
            }

            logger.WaitingForLease(site, holder, held.Lease.Holder);
            await Task.Delay(poll, time, cancellationToken);
            poll = TimeSpan.FromTicks(Math.Min(poll.Ticks * 2, LongestPoll.Ticks));
        }
    }

    /// <summary>Pushes the lease's expiry out while the holder works; stops at the first renewal that fails.</summary>
    private async Task RenewAsync(string site, long number, SiteLease lease, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(options.LeaseDuration / 3, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var now = time.GetUtcNow();
                await releases.RenewLeaseAsync(site, number, lease with { ExpiresAt = now + options.LeaseDuration }, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Released.
        }
        catch (Exception exception)
        {
            // The lease now runs out at its last expiry; the publish itself goes on, and fails on its own if OSS is gone.
            logger.LeaseNotRenewed(site, lease.Holder, exception);
        }
    }

    /// <summary>
    /// Removes the key of an expired holder, or of an earlier delivery of this one, once the newer lease holds the
    /// site. Only tidiness: the newest key decides, so a failure here changes nothing.
    /// </summary>
    private async Task DeleteSupersededAsync(string site, long number, CancellationToken cancellationToken)
    {
        try
        {
            await releases.DeleteLeaseAsync(site, number, cancellationToken);
        }
        catch (Storage.ObjectStoreException exception)
        {
            logger.SupersededLeaseKept(site, number, exception);
        }
    }

    private Task ReleaseAsync(string site, long number) => releases.DeleteLeaseAsync(site, number, CancellationToken.None);

    private sealed class Held : IAsyncDisposable
    {
        private readonly SiteLeases _owner;
        private readonly string _site;
        private readonly long _number;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _renewal;

        public Held(SiteLeases owner, string site, long number, SiteLease lease)
        {
            _owner = owner;
            _site = site;
            _number = number;
            _renewal = owner.RenewAsync(site, number, lease, _stop.Token);
        }

        // Released even when the publish was cancelled: a lease left behind would hold the site until it expires.
        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _renewal;
            _stop.Dispose();
            await _owner.ReleaseAsync(_site, _number);
        }
    }
}
