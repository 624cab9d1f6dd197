using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.TestSupport;
using Orchestrator.Workflow.Tests.Support;

namespace Orchestrator.Workflow.Tests;

public class ConcurrencyTests(LocalOssFixture fixture) : IClassFixture<LocalOssFixture>
{
    [Fact]
    public async Task HandleAsync_TwoCoordinatorsRaceOnOneJob_ExactlyOneTransitionPerSeq()
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        var job = await harness.StartJobAsync("race", cancellationToken: ct);
        var a = harness.Create(fixture.Oss.CreateClient());
        var b = harness.Create(fixture.Oss.CreateClient());

        // Both see the same fetch result (a redelivery to two instances) and the same cancel, all at once;
        // a copy that loses its race reloads, finds its message id applied, and changes nothing.
        var success = harness.Success(job.JobId, StageName.Fetch, 1);
        var cancel = new CancelJob("race-cancel", job.JobId);
        await Task.WhenAll(
            a.HandleAsync(success, ct),
            b.HandleAsync(success, ct),
            a.HandleAsync(cancel, ct),
            b.HandleAsync(cancel, ct));

        var journal = await harness.Journal.ReadAllAsync(job.JobId, ct);
        Assert.Equal(Enumerable.Range(1, journal.Count).Select(i => (long)i), journal.Select(e => e.Seq));
        // The success and the cancel were each applied exactly once, whoever won each race.
        Assert.Single(journal, e => e.MessageId == success.MessageId);
        Assert.Single(journal, e => e.MessageId == cancel.MessageId);
        Assert.Equal(3, journal.Count);
        Assert.Equal(JobState.Cancelled, journal[^1].To);
        var head = await harness.ReadHeadAsync(job.JobId, ct);
        Assert.Equal(JobState.Cancelled, head.State);
    }

    [Fact]
    public async Task HandleAsync_ManyRacersOnOneResult_OneEntryWins()
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        var job = await harness.StartJobAsync("stampede", cancellationToken: ct);
        var racers = Enumerable.Range(0, 4).Select(_ => harness.Create(fixture.Oss.CreateClient())).ToList();
        var success = harness.Success(job.JobId, StageName.Fetch, 1);
        var results = await Task.WhenAll(racers.Select(r => r.HandleAsync(success, ct)));
        Assert.All(results, r => Assert.Equal(JobState.Building, r!.State));
        Assert.Equal(2, (await harness.Journal.ReadAllAsync(job.JobId, ct)).Count);
        // One decision: a racer that found the head lagging (grace is zero here) may re-send it, with the same id.
        Assert.Single(harness.Sender.OfType<BuildRequested>().Select(b => b.MessageId).Distinct());
    }

    [Fact]
    public async Task HandleAsync_CrashBetweenJournalAndHead_SweepRepairsHeadAndResendsOutbox()
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        var job = await harness.StartJobAsync("crash", cancellationToken: ct);
        var requestsBefore = harness.Sender.OfType<BuildRequested>().Count;

        // The process "dies" just before writing the head: the entry is committed, the head is not.
        harness.Store.FailNextPut(key => key.EndsWith("/job.json", StringComparison.Ordinal));
        await Assert.ThrowsAsync<IOException>(() => harness.SendAsync(harness.Success(job.JobId, StageName.Fetch, 1), ct));
        var stale = await harness.ReadHeadAsync(job.JobId, ct);
        Assert.Equal(JobState.Fetching, stale.State);

        await harness.SendAsync(new SweepDue("sweep", harness.Time.GetUtcNow()), ct);
        var repaired = await harness.ReadHeadAsync(job.JobId, ct);
        Assert.Equal(JobState.Building, repaired.State);
        var meta = (await fixture.Oss.Store.HeadAsync(fixture.Oss.Bucket, ObjectKeys.JobHead(job.JobId), ct))!.Metadata;
        Assert.Equal("2", meta["seq"]);
        // The build request went out (again): same message id, so Build drops a copy it already has.
        var builds = harness.Sender.OfType<BuildRequested>();
        Assert.True(builds.Count > requestsBefore);
        Assert.Single(builds.Select(b => b.MessageId).Distinct());
    }

    [Fact]
    public async Task HandleAsync_EffectsFailThenMessageRedelivered_FinishesTheEffectsAtOnce()
    {
        var ct = TestTimeout.Token();
        var options = CoordinatorHarness.DefaultOptions(fixture.Oss.Bucket);
        options.SweepGrace = TimeSpan.FromMinutes(5);
        var harness = new CoordinatorHarness(fixture.Oss, options);
        var job = await harness.StartJobAsync("redelivered-after-crash", cancellationToken: ct);
        var success = harness.Success(job.JobId, StageName.Fetch, 1);
        harness.Store.FailNextPut(key => key.EndsWith("/job.json", StringComparison.Ordinal));
        await Assert.ThrowsAsync<IOException>(() => harness.SendAsync(success, ct));

        // The queue redelivers the same message: no second entry, and the head catches up without waiting for a sweep.
        var again = await harness.SendAsync(success, ct);
        Assert.Equal(JobState.Building, again!.State);
        Assert.Equal(2, (await harness.Journal.ReadAllAsync(job.JobId, ct)).Count);
        Assert.Equal(JobState.Building, (await harness.ReadHeadAsync(job.JobId, ct)).State);
    }
}
