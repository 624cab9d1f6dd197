using System.Text.Json;
using Microsoft.Extensions.Logging;
using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Json;
using Orchestrator.Contracts.Messages;
using Orchestrator.TestSupport;
using Orchestrator.Workflow.Tests.Support;

namespace Orchestrator.Workflow.Tests;

/// <summary>Results before reports (ARCHITECTURE.md §5): a stage's stored result stands in for a report that never came.</summary>
public class ResultRecoveryTests(LocalOssFixture fixture) : IClassFixture<LocalOssFixture>
{
    [Fact]
    public async Task SweepAsync_StageSucceededNeverDelivered_AppliesStoredResultWithinOneSweepWithoutRerun()
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        var job = await harness.StartJobAsync("lost-report", cancellationToken: ct);
        var report = CoordinatorHarness.StageReport(job.JobId, StageName.Fetch, 1);
        await harness.StoreResultAsync(report, ct);

        // Within the grace the report may still come: the sweep leaves it alone.
        harness.Time.Advance(harness.Options.ResultCheckAfter - TimeSpan.FromSeconds(1));
        await harness.SweepAsync(ct);
        Assert.Equal(JobState.Fetching, (await harness.ReadHeadAsync(job.JobId, ct)).State);

        // The report was dropped on the floor: the next sweep past the grace applies the stored result.
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await harness.SweepAsync(ct);
        var head = await harness.ReadHeadAsync(job.JobId, ct);
        Assert.Equal(JobState.Building, head.State);
        Assert.Equal((StageState.Succeeded, 1), (head.Stages[0].State, head.Stages[0].Attempt));
        Assert.Single(harness.Sender.OfType<FetchRequested>());
        Assert.Single(harness.Sender.OfType<BuildRequested>());
        var journal = await harness.Journal.ReadAllAsync(job.JobId, ct);
        Assert.Equal(report.MessageId, journal[^1].MessageId);

        // The report turns up after all: the same id, so it changes nothing.
        await harness.SendAsync(report, ct);
        Assert.Equal(journal.Count, (await harness.Journal.ReadAllAsync(job.JobId, ct)).Count);
        Assert.Contains(harness.Log.Lines, l => l.Text.Contains("applying its stored result", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SweepAsync_StageFailedDeadLettered_HealedFromStoredResult()
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        var job = await harness.StartJobAsync("dead-lettered", cancellationToken: ct);
        var request = harness.Sender.Last<FetchRequested>();
        // A stage's report: its id derived from the request's; the queue gave up on it and moved it to the dead letters.
        var failed = new StageFailed(
            CoordinatorHarness.StageReport(job.JobId, StageName.Fetch, 1).MessageId, job.JobId, StageName.Fetch, request.Attempt, new StageError("NetworkDown", "registry unreachable", true));
        await harness.StoreResultAsync(failed, ct);

        harness.Time.Advance(harness.Options.ResultCheckAfter);
        await harness.SweepAsync(ct);

        var head = await harness.ReadHeadAsync(job.JobId, ct);
        Assert.Equal((StageState.Failed, "NetworkDown"), (head.Stages[0].State, head.Stages[0].Error!.Code));
        Assert.NotNull(head.Stages[0].NextRetryAt);
        Assert.Single(harness.Sender.OfType<RetryDue>());
        Assert.DoesNotContain(await harness.Journal.ReadAllAsync(job.JobId, ct), e => e.Event == "StageTimedOut");
    }

    [Fact]
    public async Task HandleAsync_DeadlineWithStoredResult_AppliesResultInsteadOfTimingOut()
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        var job = await harness.StartJobAsync("deadline-finds-result", cancellationToken: ct);
        var report = CoordinatorHarness.StageReport(job.JobId, StageName.Fetch, 1);
        await harness.StoreResultAsync(report, ct);

        harness.Time.Advance(harness.Options.Fetch.Timeout);
        var after = await harness.SendAsync(harness.Sender.Last<StageDeadlineDue>(), ct);

        Assert.Equal(JobState.Building, after!.State);
        var journal = await harness.Journal.ReadAllAsync(job.JobId, ct);
        Assert.Equal(("StageSucceeded", report.MessageId), (journal[^1].Event, journal[^1].MessageId));
        Assert.DoesNotContain(journal, e => e.Event == "StageTimedOut");
        Assert.Single(harness.Sender.OfType<FetchRequested>());
    }

    [Fact]
    public async Task HandleAsync_DeadlineAtInstanceWithStaleCache_StillFindsStoredResult()
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        var other = harness.Create(fixture.Oss.CreateClient());
        var job = await harness.StartJobAsync("stale-cache-deadline", cancellationToken: ct);
        // This instance records attempt 1's failure (and remembers it); another instance starts attempt 2.
        await harness.SendAsync(harness.Failure(job.JobId, StageName.Fetch, 1, retryable: true), ct);
        harness.Time.Advance(harness.Options.Fetch.Retry.MaxDelay);
        await other.HandleAsync(harness.Sender.Last<RetryDue>(), ct);
        var report = CoordinatorHarness.StageReport(job.JobId, StageName.Fetch, 2);
        await harness.StoreResultAsync(report, ct);

        // Attempt 2's deadline reaches this instance, whose cache still says attempt 1 failed.
        harness.Time.Advance(harness.Options.Fetch.Timeout);
        var deadline = harness.Sender.OfType<StageDeadlineDue>().Single(d => d.JobId == job.JobId && d.Attempt == 2);
        var after = await harness.SendAsync(deadline, ct);

        Assert.Equal(JobState.Building, after!.State);
        Assert.DoesNotContain(await harness.Journal.ReadAllAsync(job.JobId, ct), e => e.Event == "StageTimedOut");
    }

    [Fact]
    public async Task HandleAsync_DeadlineWithoutStoredResult_TimesOutAsBefore()
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        var job = await harness.StartJobAsync("deadline-no-result", cancellationToken: ct);

        harness.Time.Advance(harness.Options.Fetch.Timeout);
        var after = await harness.SendAsync(harness.Sender.Last<StageDeadlineDue>(), ct);

        Assert.Equal((StageState.Failed, WorkflowErrorCodes.StageTimedOut), (after!.Stages[0].State, after.Stages[0].Error!.Code));
    }

    [Theory]
    [InlineData("other-job")]
    [InlineData("other-attempt")]
    [InlineData("other-id")]
    [InlineData("not-json")]
    public async Task HandleAsync_DeadlineWithForgedResult_RefusesItLogsSecurityEventAndTimesOut(string forgery)
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        var job = await harness.StartJobAsync($"forged-{forgery}", cancellationToken: ct);
        var genuine = CoordinatorHarness.StageReport(job.JobId, StageName.Fetch, 1);
        var other = await harness.StartJobAsync($"forged-{forgery}-victim", cancellationToken: ct);
        byte[] body = forgery switch
        {
            // A real result of another job, copied under this job's key.
            "other-job" => Serialize(CoordinatorHarness.StageReport(other.JobId, StageName.Fetch, 1)),
            "other-attempt" => Serialize(genuine with { Attempt = 2 }),
            "other-id" => Serialize(genuine with { MessageId = "rpt-chosen-by-the-forger" }),
            _ => "{\"succeeded\": 42}"u8.ToArray(),
        };
        using (var stream = new MemoryStream(body))
        {
            await fixture.Oss.Store.PutAsync(fixture.Oss.Bucket, ObjectKeys.StageResult(job.JobId, StageName.Fetch, 1), stream, null, ct);
        }

        harness.Time.Advance(harness.Options.Fetch.Timeout);
        var after = await harness.SendAsync(harness.Sender.OfType<StageDeadlineDue>().Single(d => d.JobId == job.JobId), ct);

        Assert.Equal((StageState.Failed, WorkflowErrorCodes.StageTimedOut), (after!.Stages[0].State, after.Stages[0].Error!.Code));
        Assert.Contains(harness.Log.Lines, l => l.Level == LogLevel.Warning && l.Text.StartsWith("Security:", StringComparison.Ordinal) && l.Text.Contains(job.JobId, StringComparison.Ordinal));
        Assert.Equal(JobState.Fetching, (await harness.ReadHeadAsync(other.JobId, ct)).State);
    }

    private static byte[] Serialize(IStageMessage report) =>
        JsonSerializer.SerializeToUtf8Bytes(StageResult.Of(report), ContractsJsonContext.Default.StageResult);
}
