using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.TestSupport;
using Orchestrator.Workflow.Tests.Support;

namespace Orchestrator.Workflow.Tests;

public class DeliveryTests(LocalOssFixture fixture) : IClassFixture<LocalOssFixture>
{
    [Fact]
    public async Task HandleAsync_DuplicateUploadEvent_StartsOneJob()
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        var upload = harness.Upload("dup-upload");
        var first = await harness.SendAsync(upload, ct);
        var second = await harness.SendAsync(upload with { MessageId = "another-copy" }, ct);
        Assert.Equal(first!.JobId, second!.JobId);
        Assert.Single(harness.Sender.OfType<FetchRequested>());
        Assert.Single(await harness.Journal.ReadAllAsync(first.JobId, ct));
    }

    [Fact]
    public async Task HandleAsync_SameUploadWithNewEtag_StartsSecondJob()
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        var first = await harness.StartJobAsync("reupload", etag: "E1", cancellationToken: ct);
        var second = await harness.StartJobAsync("reupload", etag: "E2", cancellationToken: ct);
        Assert.NotEqual(first.JobId, second.JobId);
        Assert.Equal([first.JobId, second.JobId], harness.Sender.OfType<FetchRequested>().Select(f => f.JobId));
    }

    [Fact]
    public async Task HandleAsync_RedeliveredResult_ChangesNothingTwice()
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        var job = await harness.StartJobAsync("redelivery", cancellationToken: ct);
        var success = harness.Success(job.JobId, StageName.Fetch, 1);
        await harness.SendAsync(success, ct);
        var sent = harness.Sender.All.Count;
        var again = await harness.SendAsync(success, ct);
        Assert.Equal(JobState.Building, again!.State);
        Assert.Equal(sent, harness.Sender.All.Count);
        Assert.Equal(2, (await harness.Journal.ReadAllAsync(job.JobId, ct)).Count);

        // From a coordinator with a cold cache too.
        var other = harness.Create();
        await other.HandleAsync(success, ct);
        Assert.Equal(2, (await harness.Journal.ReadAllAsync(job.JobId, ct)).Count);
    }

    [Fact]
    public async Task HandleAsync_StaleAttemptResult_RecordedInHistoryAndIgnored()
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        var job = await harness.StartJobAsync("stale", cancellationToken: ct);
        await harness.SendAsync(harness.Failure(job.JobId, StageName.Fetch, 1, retryable: true), ct);
        await harness.SendAsync(harness.Sender.Last<RetryDue>(), ct);

        // Attempt 1's success arrives after attempt 2 started.
        job = (await harness.SendAsync(harness.Success(job.JobId, StageName.Fetch, 1), ct))!;
        Assert.Equal(JobState.Fetching, job.State);
        Assert.Equal((StageState.Running, 2), (job.Stages[0].State, job.Stages[0].Attempt));
        var last = (await harness.Journal.ReadAllAsync(job.JobId, ct))[^1];
        Assert.Equal(("StageSucceeded", JobState.Fetching, JobState.Fetching), (last.Event, last.From, last.To));
        Assert.StartsWith("ignored: fetch attempt 1 is not current", last.Detail, StringComparison.Ordinal);
        Assert.Empty(harness.Sender.OfType<BuildRequested>());
    }

    [Fact]
    public async Task HandleAsync_ResultsReordered_BuildResultBeforeFetchResultIsIgnored()
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        var job = await harness.StartJobAsync("reordered", cancellationToken: ct);
        // A (forged or misrouted) build result before build was ever requested: attempt 1 of build is not running.
        job = (await harness.SendAsync(harness.Success(job.JobId, StageName.Build, 1), ct))!;
        Assert.Equal(JobState.Fetching, job.State);
        Assert.Empty(harness.Sender.OfType<PublishRequested>());

        job = await harness.RunToEndAsync(job, ct);
        Assert.Equal(JobState.Succeeded, job.State);
        // The stale deadline of fetch attempt 1 arrives after the job finished: no entry.
        var count = (await harness.Journal.ReadAllAsync(job.JobId, ct)).Count;
        await harness.SendAsync(harness.Sender.OfType<StageDeadlineDue>()[0], ct);
        Assert.Equal(count, (await harness.Journal.ReadAllAsync(job.JobId, ct)).Count);
    }
}
