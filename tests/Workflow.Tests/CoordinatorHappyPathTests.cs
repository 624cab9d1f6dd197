using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.TestSupport;
using Orchestrator.Workflow.Journal;
using Orchestrator.Workflow.Tests.Support;

namespace Orchestrator.Workflow.Tests;

public class CoordinatorHappyPathTests(LocalOssFixture fixture) : IClassFixture<LocalOssFixture>
{
    [Fact]
    public async Task HandleAsync_UploadThenThreeSuccesses_JobSucceedsWithContiguousJournalAndHead()
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        var job = await harness.StartJobAsync("happy", cancellationToken: ct);
        Assert.Equal(JobState.Fetching, job.State);
        var fetch = harness.Sender.Last<FetchRequested>();
        Assert.Equal((job.JobId, 1, "happy"), (fetch.JobId, fetch.Attempt, fetch.Site));
        Assert.Equal($"src/happy/app.zip", fetch.Source.Key);

        job = (await harness.SendAsync(harness.Success(job.JobId, StageName.Fetch, 1), ct))!;
        Assert.Equal(JobState.Building, job.State);
        var build = harness.Sender.Last<BuildRequested>();
        Assert.Equal(ObjectKeys.Workspace(job.JobId), build.Inputs[StageOutputKeys.Workspace]);

        job = (await harness.SendAsync(harness.Success(job.JobId, StageName.Build, 1), ct))!;
        Assert.Equal(JobState.Publishing, job.State);
        var publish = harness.Sender.Last<PublishRequested>();
        Assert.Equal(ObjectKeys.Workspace(job.JobId), publish.Inputs[StageOutputKeys.Workspace]);
        Assert.Equal(ObjectKeys.BuildOutput(job.JobId), publish.Inputs[StageOutputKeys.Output]);
        Assert.Equal(1, publish.SiteSequence);

        job = (await harness.SendAsync(harness.Success(job.JobId, StageName.Publish, 1), ct))!;
        Assert.Equal(JobState.Succeeded, job.State);
        Assert.Equal(new ReleaseInfo("http://127.0.0.1/site/", 3, 2, 1), job.Release);
        Assert.All(job.Stages, s => Assert.Equal(StageState.Succeeded, s.State));

        var journal = await harness.Journal.ReadAllAsync(job.JobId, ct);
        Assert.Equal([1L, 2, 3, 4], journal.Select(e => e.Seq));
        Assert.Equal(
            [(JobState.Pending, JobState.Fetching), (JobState.Fetching, JobState.Building), (JobState.Building, JobState.Publishing), (JobState.Publishing, JobState.Succeeded)],
            journal.Select(e => (e.From, e.To)));

        var head = await harness.ReadHeadAsync(job.JobId, ct);
        Assert.Equal(JobState.Succeeded, head.State);
        var meta = (await fixture.Oss.Store.HeadAsync(fixture.Oss.Bucket, ObjectKeys.JobHead(job.JobId), ct))!.Metadata;
        Assert.Equal(("Succeeded", "publish", "1", "4", "happy"), (meta["state"], meta["stage"], meta["attempt"], meta["seq"], meta["site"]));
        Assert.Null(await fixture.Oss.Store.HeadAsync(fixture.Oss.Bucket, WorkflowKeys.Active(job.JobId), ct));
    }

    [Fact]
    public async Task HandleAsync_NewJob_WritesNewestFirstIndexEntries()
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        var job = await harness.StartJobAsync("indexed", cancellationToken: ct);
        var inverted = DateTimeOffset.MaxValue.UtcTicks - CoordinatorHarness.Start.UtcTicks;
        Assert.NotNull(await fixture.Oss.Store.HeadAsync(fixture.Oss.Bucket, ObjectKeys.JobIndexEntry(inverted, job.JobId), ct));
        Assert.NotNull(await fixture.Oss.Store.HeadAsync(fixture.Oss.Bucket, ObjectKeys.SiteJobIndexEntry("indexed", inverted, job.JobId), ct));
        Assert.NotNull(await fixture.Oss.Store.HeadAsync(fixture.Oss.Bucket, WorkflowKeys.Active(job.JobId), ct));
    }

    [Fact]
    public async Task HandleAsync_StageStart_SendsDeadlineTimerToCoordinatorQueue()
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        var job = await harness.StartJobAsync("deadline-timer", cancellationToken: ct);
        var timer = Assert.Single(harness.Sender.All, s => s.Message is StageDeadlineDue);
        Assert.Equal(Destination.Coordinator, timer.Destination);
        Assert.Equal(TimeSpan.FromMinutes(10), timer.Delay);
        Assert.Equal($"{job.JobId}.fetch.1.deadline", timer.Message.MessageId);
    }

    [Theory]
    [InlineData("logs/app.zip")]
    [InlineData("src/app.zip")]
    [InlineData("src/site/app.txt")]
    [InlineData("src/site/nested/app.zip")]
    [InlineData("src/Bad_Site/app.zip")]
    [InlineData("src/site/.zip")]
    public async Task HandleAsync_UploadOutsideSourceFilter_IsIgnored(string key)
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        var created = harness.Upload("x") with { Key = key };
        Assert.Null(await harness.SendAsync(created, ct));
        Assert.Empty(harness.Sender.All);
    }

    [Fact]
    public async Task HandleAsync_TarGzAndTgzUploads_StartJobs()
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        Assert.NotNull(await harness.SendAsync(harness.Upload("archives", "a.tar.gz"), ct));
        Assert.NotNull(await harness.SendAsync(harness.Upload("archives", "b.tgz"), ct));
    }

    [Fact]
    public async Task HandleAsync_Rollback_ForwardedToPublishQueue()
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        var rollback = new RollbackRequested("rb-1", "site", null);
        Assert.Null(await harness.SendAsync(rollback, ct));
        var sent = Assert.Single(harness.Sender.All);
        Assert.Equal((Destination.Publish, (IMessage)rollback), (sent.Destination, sent.Message));
    }

    [Fact]
    public async Task HandleAsync_UnknownJob_ThrowsJobNotFound()
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        var missing = await Assert.ThrowsAsync<Contracts.Errors.OrchestratorException>(() => harness.SendAsync(new CancelJob("c", new string('a', 32)), ct));
        Assert.Equal("JobNotFound", missing.Code);
        var malformed = await Assert.ThrowsAsync<Contracts.Errors.OrchestratorException>(() => harness.SendAsync(new CancelJob("c", "../etc"), ct));
        Assert.Equal("JobNotFound", malformed.Code);
    }
}
