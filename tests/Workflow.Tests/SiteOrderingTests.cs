using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.TestSupport;
using Orchestrator.Workflow.Tests.Support;

namespace Orchestrator.Workflow.Tests;

public class SiteOrderingTests(LocalOssFixture fixture) : IClassFixture<LocalOssFixture>
{
    [Fact]
    public async Task HandleAsync_OlderJobReachesPublishAfterNewerPublished_EndsCancelledAsSuperseded()
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        var older = await harness.StartJobAsync("ordered", etag: "OLD", cancellationToken: ct);
        var newer = await harness.StartJobAsync("ordered", etag: "NEW", cancellationToken: ct);
        newer = await harness.RunToEndAsync(newer, ct);
        Assert.Equal(JobState.Succeeded, newer.State);

        older = (await harness.SendAsync(harness.Success(older.JobId, StageName.Fetch, 1), ct))!;
        older = (await harness.SendAsync(harness.Success(older.JobId, StageName.Build, 1), ct))!;
        Assert.Equal(JobState.Cancelled, older.State);
        Assert.Equal(StageState.Succeeded, older.Stages[1].State);
        Assert.Equal(StageState.Cancelled, older.Stages[2].State);
        Assert.DoesNotContain(harness.Sender.OfType<PublishRequested>(), p => p.JobId == older.JobId);
        var last = (await harness.Journal.ReadAllAsync(older.JobId, ct))[^1];
        Assert.StartsWith("superseded: a newer upload of site ordered (site sequence 2)", last.Detail, StringComparison.Ordinal);

        // And an operator cannot push it out by redriving Publish.
        var refused = await Assert.ThrowsAsync<OrchestratorException>(() => harness.SendAsync(new RetryJob("r", older.JobId, StageName.Publish), ct));
        Assert.Equal(WorkflowErrorCodes.NotRetryable, refused.Code);
    }

    [Fact]
    public async Task HandleAsync_NewerJobPublishesAfterOlder_BothSucceedInOrder()
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        var older = await harness.StartJobAsync("in-order", etag: "A", cancellationToken: ct);
        var newer = await harness.StartJobAsync("in-order", etag: "B", cancellationToken: ct);
        Assert.Equal(JobState.Succeeded, (await harness.RunToEndAsync(older, ct)).State);
        Assert.Equal(JobState.Succeeded, (await harness.RunToEndAsync(newer, ct)).State);
        Assert.Equal([1L, 2L], harness.Sender.OfType<PublishRequested>().Select(p => p.SiteSequence));
    }

    [Fact]
    public async Task HandleAsync_PublishReportsSuperseded_EndsCancelled()
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        var job = await harness.StartJobAsync("publish-guard", cancellationToken: ct);
        await harness.SendAsync(harness.Success(job.JobId, StageName.Fetch, 1), ct);
        await harness.SendAsync(harness.Success(job.JobId, StageName.Build, 1), ct);
        job = (await harness.SendAsync(harness.Failure(job.JobId, StageName.Publish, 1, retryable: false, code: WorkflowErrorCodes.Superseded), ct))!;
        Assert.Equal(JobState.Cancelled, job.State);
    }

    [Fact]
    public async Task HandleAsync_ConcurrentUploadsOfOneSite_GetDistinctSequences()
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        var coordinators = Enumerable.Range(0, 3).Select(_ => harness.Create(fixture.Oss.CreateClient())).ToList();
        await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            coordinators[i % coordinators.Count].HandleAsync(harness.Upload("busy-site", etag: $"E{i}"), ct)));
        var sequences = harness.Sender.OfType<FetchRequested>().Select(f => f.JobId).Distinct().Count();
        Assert.Equal(6, sequences);
        var published = new List<long>();
        foreach (var fetch in harness.Sender.OfType<FetchRequested>())
        {
            var entry = (await harness.Journal.ReadAllAsync(fetch.JobId, ct))[0];
            published.Add(entry.State.SiteSequence);
        }

        Assert.Equal([1L, 2, 3, 4, 5, 6], published.Order());
    }
}
