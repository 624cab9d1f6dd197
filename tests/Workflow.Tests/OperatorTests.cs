using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.TestSupport;
using Orchestrator.Workflow.Journal;
using Orchestrator.Workflow.Tests.Support;

namespace Orchestrator.Workflow.Tests;

public class OperatorTests(LocalOssFixture fixture) : IClassFixture<LocalOssFixture>
{
    [Fact]
    public async Task HandleAsync_CancelRunningJob_CancelledAndLateResultIgnored()
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        var job = await harness.StartJobAsync("cancel", cancellationToken: ct);
        job = (await harness.SendAsync(harness.Success(job.JobId, StageName.Fetch, 1), ct))!;
        job = (await harness.SendAsync(new CancelJob("cancel-1", job.JobId), ct))!;
        Assert.Equal(JobState.Cancelled, job.State);
        Assert.Equal(StageState.Cancelled, job.Stages[1].State);
        Assert.Null(await fixture.Oss.Store.HeadAsync(fixture.Oss.Bucket, WorkflowKeys.Active(job.JobId), ct));

        job = (await harness.SendAsync(harness.Success(job.JobId, StageName.Build, 1), ct))!;
        Assert.Equal(JobState.Cancelled, job.State);
        Assert.Empty(harness.Sender.OfType<PublishRequested>());

        var again = await Assert.ThrowsAsync<OrchestratorException>(() => harness.SendAsync(new CancelJob("cancel-2", job.JobId), ct));
        Assert.Equal(WorkflowErrorCodes.AlreadyTerminal, again.Code);
    }

    [Fact]
    public async Task HandleAsync_RetryWhileStageRunsWithinDeadline_NotRetryable()
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        var job = await harness.StartJobAsync("busy", cancellationToken: ct);
        var refused = await Assert.ThrowsAsync<OrchestratorException>(() => harness.SendAsync(new RetryJob("r1", job.JobId, null), ct));
        Assert.Equal(WorkflowErrorCodes.NotRetryable, refused.Code);

        // Past the deadline, an operator may force the next attempt.
        harness.Time.Advance(TimeSpan.FromMinutes(10));
        job = (await harness.SendAsync(new RetryJob("r2", job.JobId, null), ct))!;
        Assert.Equal((StageState.Running, 2), (job.Stages[0].State, job.Stages[0].Attempt));
    }

    [Fact]
    public async Task HandleAsync_RetrySucceededJob_NotRetryable()
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        var job = await harness.RunToEndAsync(await harness.StartJobAsync("done", cancellationToken: ct), ct);
        var refused = await Assert.ThrowsAsync<OrchestratorException>(() => harness.SendAsync(new RetryJob("r", job.JobId, StageName.Build), ct));
        Assert.Equal(WorkflowErrorCodes.NotRetryable, refused.Code);
    }

    [Theory]
    [InlineData(StageName.Fetch, null)]
    [InlineData(StageName.Build, null)]
    [InlineData(StageName.Publish, null)]
    [InlineData(StageName.Publish, StageName.Build)]
    public async Task HandleAsync_RedriveFailedJob_RerunsStageReusingEarlierOutputs(StageName failing, StageName? named)
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        var job = await harness.StartJobAsync($"redrive-{ObjectKeys.Lower(failing)}-{named?.ToString().ToLowerInvariant() ?? "x"}", cancellationToken: ct);
        foreach (var stage in Enum.GetValues<StageName>().Where(s => s < failing))
        {
            job = (await harness.SendAsync(harness.Success(job.JobId, stage, 1), ct))!;
        }

        job = (await harness.SendAsync(harness.Failure(job.JobId, failing, 1, retryable: false), ct))!;
        Assert.Equal(JobState.Failed, job.State);
        var target = named ?? failing;

        job = (await harness.SendAsync(new RetryJob("redrive-1", job.JobId, named), ct))!;
        var rerun = job.Stages.Single(s => s.Name == target);
        Assert.Equal((StageState.Running, 2), (rerun.State, rerun.Attempt));
        Assert.All(job.Stages.Where(s => s.Name < target), s => Assert.Equal(StageState.Succeeded, s.State));
        Assert.All(job.Stages.Where(s => s.Name > target), s => Assert.Equal(StageState.Pending, s.State));

        IStageMessage request = target switch
        {
            StageName.Fetch => harness.Sender.Last<FetchRequested>(),
            StageName.Build => harness.Sender.Last<BuildRequested>(),
            _ => harness.Sender.Last<PublishRequested>(),
        };
        Assert.Equal(2, request.Attempt);
        if (request is BuildRequested build)
        {
            Assert.Equal(ObjectKeys.Workspace(job.JobId), build.Inputs[StageOutputKeys.Workspace]);
        }

        if (request is PublishRequested publish)
        {
            Assert.Equal(ObjectKeys.BuildOutput(job.JobId), publish.Inputs[StageOutputKeys.Output]);
            Assert.Equal(ObjectKeys.Workspace(job.JobId), publish.Inputs[StageOutputKeys.Workspace]);
        }

        job = await harness.RunToEndAsync(job, ct);
        Assert.Equal(JobState.Succeeded, job.State);
        Assert.All(job.Stages.Where(s => s.Name < target), s => Assert.Equal(1, s.Attempt));
    }

    [Fact]
    public async Task HandleAsync_RedriveLaterStageThanTheFailedOne_NotRetryable()
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        var job = await harness.StartJobAsync("skip-ahead", cancellationToken: ct);
        await harness.SendAsync(harness.Failure(job.JobId, StageName.Fetch, 1, retryable: false), ct);
        var refused = await Assert.ThrowsAsync<OrchestratorException>(() => harness.SendAsync(new RetryJob("r", job.JobId, StageName.Publish), ct));
        Assert.Equal(WorkflowErrorCodes.NotRetryable, refused.Code);
        Assert.Contains("fetch has succeeded", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_RedriveCancelledJob_ResumesFromCancelledStage()
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        var job = await harness.StartJobAsync("cancel-redrive", cancellationToken: ct);
        await harness.SendAsync(harness.Success(job.JobId, StageName.Fetch, 1), ct);
        await harness.SendAsync(new CancelJob("c", job.JobId), ct);
        job = (await harness.SendAsync(new RetryJob("r", job.JobId, null), ct))!;
        Assert.Equal(JobState.Building, job.State);
        Assert.Equal((StageState.Running, 2), (job.Stages[1].State, job.Stages[1].Attempt));
        Assert.NotNull(await fixture.Oss.Store.HeadAsync(fixture.Oss.Bucket, WorkflowKeys.Active(job.JobId), ct));
        Assert.Equal(JobState.Succeeded, (await harness.RunToEndAsync(job, ct)).State);
    }
}
