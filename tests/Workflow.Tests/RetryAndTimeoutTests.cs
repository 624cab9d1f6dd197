using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.TestSupport;
using Orchestrator.Workflow.Tests.Support;

namespace Orchestrator.Workflow.Tests;

public class RetryAndTimeoutTests(LocalOssFixture fixture) : IClassFixture<LocalOssFixture>
{
    [Theory]
    [InlineData(StageName.Fetch)]
    [InlineData(StageName.Build)]
    [InlineData(StageName.Publish)]
    public async Task HandleAsync_StageFailsRetryablyThenSucceeds_JobSucceedsOnSecondAttempt(StageName failing)
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        var job = await harness.StartJobAsync($"retry-{ObjectKeys.Lower(failing)}", cancellationToken: ct);
        foreach (var stage in Enum.GetValues<StageName>().Where(s => s < failing))
        {
            job = (await harness.SendAsync(harness.Success(job.JobId, stage, 1), ct))!;
        }

        job = (await harness.SendAsync(harness.Failure(job.JobId, failing, 1, retryable: true), ct))!;
        var failed = job.Stages.Single(s => s.Name == failing);
        Assert.Equal((StageState.Failed, 1), (failed.State, failed.Attempt));
        // Full jitter at 0.5 of the first ceiling (10 s).
        Assert.Equal(CoordinatorHarness.Start + TimeSpan.FromSeconds(5), failed.NextRetryAt);
        var retry = Assert.Single(harness.Sender.OfType<RetryDue>());
        Assert.Equal(TimeSpan.FromSeconds(5), harness.Sender.All.Single(s => s.Message is RetryDue).Delay);

        harness.Time.Advance(TimeSpan.FromSeconds(5));
        job = (await harness.SendAsync(retry, ct))!;
        var rerun = job.Stages.Single(s => s.Name == failing);
        Assert.Equal((StageState.Running, 2), (rerun.State, rerun.Attempt));
        var request = harness.Sender.All.Last(s => s.Message is IStageMessage m && m.Stage == failing && s.Destination != Destination.Coordinator);
        Assert.Equal(2, ((IStageMessage)request.Message).Attempt);

        job = await harness.RunToEndAsync(job, ct);
        Assert.Equal(JobState.Succeeded, job.State);
        Assert.Equal(2, job.Stages.Single(s => s.Name == failing).Attempt);
    }

    [Fact]
    public async Task HandleAsync_NonRetryableFailure_FailsJobAtOnce()
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        var job = await harness.StartJobAsync("fatal", cancellationToken: ct);
        job = (await harness.SendAsync(harness.Failure(job.JobId, StageName.Fetch, 1, retryable: false, code: "ArchiveRejected"), ct))!;
        Assert.Equal(JobState.Failed, job.State);
        var fetch = job.Stages[0];
        Assert.Equal((StageState.Failed, "ArchiveRejected", false), (fetch.State, fetch.Error!.Code, fetch.Error.Retryable));
        Assert.Empty(harness.Sender.OfType<RetryDue>());
        Assert.All(job.Stages.Skip(1), s => Assert.Equal(StageState.Pending, s.State));
    }

    [Fact]
    public async Task HandleAsync_RetryableFailureOnLastAttempt_FailsJob()
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        var job = await harness.StartJobAsync("exhausted", cancellationToken: ct);
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            job = (await harness.SendAsync(harness.Failure(job.JobId, StageName.Fetch, attempt, retryable: true), ct))!;
            if (attempt < 3)
            {
                job = (await harness.SendAsync(harness.Sender.OfType<RetryDue>()[^1], ct))!;
            }
        }

        Assert.Equal(JobState.Failed, job.State);
        Assert.Equal(3, job.Stages[0].Attempt);
        // Backoff doubled: 0.5 × 10 s, then 0.5 × 20 s.
        Assert.Equal([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)], harness.Sender.All.Where(s => s.Message is RetryDue).Select(s => s.Delay));
    }

    [Fact]
    public async Task HandleAsync_DeadlinePassesWithoutResult_TimesOutAndRetries()
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        var job = await harness.StartJobAsync("timeout", cancellationToken: ct);
        harness.Time.Advance(TimeSpan.FromMinutes(10));
        job = (await harness.SendAsync(harness.Sender.Last<StageDeadlineDue>(), ct))!;
        Assert.Equal(JobState.Fetching, job.State);
        Assert.Equal((StageState.Failed, WorkflowErrorCodes.StageTimedOut), (job.Stages[0].State, job.Stages[0].Error!.Code));

        // The worker reports late for the timed-out attempt: recorded, ignored.
        var late = (await harness.SendAsync(harness.Success(job.JobId, StageName.Fetch, 1), ct))!;
        Assert.Equal(StageState.Failed, late.Stages[0].State);

        job = (await harness.SendAsync(harness.Sender.Last<RetryDue>(), ct))!;
        Assert.Equal((StageState.Running, 2), (job.Stages[0].State, job.Stages[0].Attempt));
        var history = await harness.Journal.ReadAllAsync(job.JobId, ct);
        Assert.Contains(history, e => e.Event == "StageTimedOut");
        Assert.Contains(history, e => e.Event == "StageSucceeded" && e.Detail!.StartsWith("ignored", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HandleAsync_SweepAfterDeadlineWhenTimerWasLost_TimesOutTheAttempt()
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        var job = await harness.StartJobAsync("sweep-deadline", cancellationToken: ct);
        harness.Time.Advance(TimeSpan.FromMinutes(11));

        Assert.Null(await harness.SendAsync(new SweepDue("sweep-1", harness.Time.GetUtcNow()), ct));
        var after = await harness.ReadHeadAsync(job.JobId, ct);
        Assert.Equal((StageState.Failed, WorkflowErrorCodes.StageTimedOut), (after.Stages[0].State, after.Stages[0].Error!.Code));

        // The original delayed deadline arrives after all: same message id, changes nothing.
        var entries = (await harness.Journal.ReadAllAsync(job.JobId, ct)).Count;
        await harness.SendAsync(new StageDeadlineDue($"{job.JobId}.fetch.1.deadline", job.JobId, StageName.Fetch, 1), ct);
        Assert.Equal(entries, (await harness.Journal.ReadAllAsync(job.JobId, ct)).Count);

        // A later sweep past the retry time starts attempt 2 even if the RetryDue message was lost too.
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        await harness.SendAsync(new SweepDue("sweep-2", harness.Time.GetUtcNow()), ct);
        var retried = await harness.ReadHeadAsync(job.JobId, ct);
        Assert.Equal((StageState.Running, 2), (retried.Stages[0].State, retried.Stages[0].Attempt));
    }
}
