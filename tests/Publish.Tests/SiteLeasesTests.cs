using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Messages;
using Orchestrator.Functions.Publish.Publishing;
using Orchestrator.Functions.Publish.Releases;
using Orchestrator.Functions.Publish.Tests.Support;

namespace Orchestrator.Functions.Publish.Tests;

/// <summary>One publish or rollback of a site at a time, across instances, through the site's lease in OSS.</summary>
public sealed class SiteLeasesTests
{
    private const string Site = "blog";

    private static readonly Dictionary<string, string?> NoWait = new() { ["Publish:LeaseWait"] = "00:00:00" };

    private static Dictionary<string, string> Release(int version) => new()
    {
        ["index.html"] = $"<html><script src=\"/app.{version:x8}.js\"></script>v{version}</html>",
        [$"app.{version:x8}.js"] = $"console.log({version});",
    };

    [Fact]
    public async Task Publish_WhileAnotherHoldsTheSite_IsDeferredWithSiteBusy_AndWritesNothing()
    {
        var ct = TestTimeout.Token();
        await using var harness = await PublishHarness.StartAsync(NoWait, ct);
        await using (await harness.Get<SiteLeases>().AcquireAsync(Site, "job-a", ct))
        {
            var busy = await Assert.ThrowsAsync<StageDeferredException>(() => harness.PublishAsync(Site, "job-b", 2, Release(2), ct));

            Assert.Equal(PublishErrorCodes.SiteBusy, busy.Code);
            Assert.Contains("job-a", busy.Message, StringComparison.Ordinal);
            Assert.Empty(await harness.ReadSiteAsync(Site, ct));
            Assert.Null(await harness.Releases.GetPointerAsync(Site, ct));
        }

        // Released: the same publish goes through, and leaves no lease behind.
        await harness.PublishAsync(Site, "job-b", 2, Release(2), ct);
        Assert.Equal("job-b", (await harness.Releases.GetPointerAsync(Site, ct))?.JobId);
        Assert.Null(await harness.Releases.GetLatestLeaseAsync(Site, ct));
    }

    [Fact]
    public async Task Rollback_WhileAPublishHoldsTheSite_IsDeferredWithSiteBusy()
    {
        var ct = TestTimeout.Token();
        await using var harness = await PublishHarness.StartAsync(NoWait, ct);
        await harness.PublishAsync(Site, "job-1", 1, Release(1), ct);
        await harness.PublishAsync(Site, "job-2", 2, Release(2), ct);
        await using var held = await harness.Get<SiteLeases>().AcquireAsync(Site, "job-3", ct);

        var busy = await Assert.ThrowsAsync<StageDeferredException>(() => harness.Rollback.HandleAsync(new RollbackRequested("m-1", Site, null), ct));

        Assert.Equal(PublishErrorCodes.SiteBusy, busy.Code);
        Assert.Equal("job-2", (await harness.Releases.GetPointerAsync(Site, ct))?.JobId);
    }

    [Fact]
    public async Task Publish_LeaseOfAHolderThatDied_IsTakenOverOnceExpired()
    {
        var ct = TestTimeout.Token();
        await using var harness = await PublishHarness.StartAsync(NoWait, ct);
        var past = DateTimeOffset.UtcNow.AddHours(-1);
        Assert.True(await harness.Releases.TryCreateLeaseAsync(Site, 7, new SiteLease("job-dead", past.AddMinutes(-20), past), ct));

        await harness.PublishAsync(Site, "job-b", 2, Release(2), ct);

        Assert.Equal("job-b", (await harness.Releases.GetPointerAsync(Site, ct))?.JobId);
        Assert.Empty(await harness.Releases.ListKeysAsync(SiteKeys.LeasePrefix(Site), null, ct));
    }

    [Fact]
    public async Task Publish_RedeliveredAfterItsInstanceDied_TakesBackItsOwnUnexpiredLease()
    {
        var ct = TestTimeout.Token();
        await using var harness = await PublishHarness.StartAsync(NoWait, ct);
        var now = DateTimeOffset.UtcNow;
        Assert.True(await harness.Releases.TryCreateLeaseAsync(Site, 1, new SiteLease("job-b", now, now.AddMinutes(20)), ct));

        await harness.PublishAsync(Site, "job-b", 2, Release(2), ct);

        Assert.Equal("job-b", (await harness.Releases.GetPointerAsync(Site, ct))?.JobId);
        Assert.Null(await harness.Releases.GetLatestLeaseAsync(Site, ct));
    }

    [Fact]
    public async Task Held_IsRenewedWhileItsHolderWorks_AndGoneOnceReleased()
    {
        var ct = TestTimeout.Token();
        await using var harness = await PublishHarness.StartAsync(new Dictionary<string, string?> { ["Publish:LeaseDuration"] = "00:00:03" }, ct);
        var lease = await harness.Get<SiteLeases>().AcquireAsync(Site, "job-a", ct);
        var first = (await harness.Releases.GetLatestLeaseAsync(Site, ct))!.Value;

        // Renewed every second: wait (bounded by the test's token) until the stored expiry moves.
        var renewed = first;
        while (renewed.Lease.ExpiresAt == first.Lease.ExpiresAt)
        {
            await Task.Delay(100, ct);
            renewed = (await harness.Releases.GetLatestLeaseAsync(Site, ct))!.Value;
        }

        Assert.Equal((first.Number, "job-a"), (renewed.Number, renewed.Lease.Holder));
        Assert.True(renewed.Lease.ExpiresAt > first.Lease.ExpiresAt);
        await lease.DisposeAsync();
        Assert.Null(await harness.Releases.GetLatestLeaseAsync(Site, ct));
    }

    [Fact]
    public async Task Acquire_ManyContenders_HoldTheSiteOneAtATime()
    {
        var ct = TestTimeout.Token();
        await using var harness = await PublishHarness.StartAsync(ct);
        var leases = harness.Get<SiteLeases>();
        var inside = 0;
        var most = 0;
        var turns = 0;

        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(
            async () =>
            {
                await using (await leases.AcquireAsync(Site, $"job-{i}", ct))
                {
                    var now = Interlocked.Increment(ref inside);
                    InterlockedMax(ref most, now);

                    // Real work under the lease: requests to the same server the contenders poll.
                    await harness.Releases.GetPointerAsync(Site, ct);
                    await harness.Releases.ListKeysAsync(SiteKeys.LeasePrefix(Site), null, ct);
                    Interlocked.Increment(ref turns);
                    Interlocked.Decrement(ref inside);
                }
            },
            ct)));

        Assert.Equal(6, turns);
        Assert.Equal(1, most);
        Assert.Null(await harness.Releases.GetLatestLeaseAsync(Site, ct));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
