using FsCheck;
using FsCheck.Fluent;
using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.TestSupport;
using Orchestrator.Workflow.Machine;
using Orchestrator.Workflow.Tests.Support;

namespace Orchestrator.Workflow.Tests;

/// <summary>
/// A stage result is applied only when its outputs are what that job's stage attempt writes: a result naming another
/// job's files (or anything else) is refused as OutputsRejected, and the job goes on as if it never came.
/// </summary>
public class StageOutputTests(LocalOssFixture fixture) : IClassFixture<LocalOssFixture>
{
    private const string Other = "jobs/0000000000000000000000000000000000000000/build/output.tar.gz";

    [Fact]
    public async Task HandleAsync_BuildResultNamingAnotherJobsOutput_RefusedJobUnchangedThenTheGenuineResultApplies()
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        var victim = await harness.StartJobAsync("victim", cancellationToken: ct);
        var other = await harness.RunToEndAsync(await harness.StartJobAsync("other-site", cancellationToken: ct), ct);
        victim = (await harness.SendAsync(harness.Success(victim.JobId, StageName.Fetch, 1), ct))!;
        var entries = (await harness.Journal.ReadAllAsync(victim.JobId, ct)).Count;
        var publishes = harness.Sender.OfType<PublishRequested>().Count;
        var forged = new Dictionary<string, string> { [StageOutputKeys.Output] = ObjectKeys.BuildOutput(other.JobId), [StageOutputKeys.CacheHit] = "false" };

        var refused = await Assert.ThrowsAsync<OrchestratorException>(() => harness.SendAsync(harness.Success(victim.JobId, StageName.Build, 1, forged), ct));

        Assert.Equal(WorkflowErrorCodes.OutputsRejected, refused.Code);
        Assert.False(refused.Retryable);
        Assert.Contains(ObjectKeys.BuildOutput(other.JobId), refused.Message, StringComparison.Ordinal);
        Assert.Equal(entries, (await harness.Journal.ReadAllAsync(victim.JobId, ct)).Count);
        Assert.Equal(publishes, harness.Sender.OfType<PublishRequested>().Count);
        var head = await harness.ReadHeadAsync(victim.JobId, ct);
        Assert.Equal(JobState.Building, head.State);
        Assert.Equal((StageState.Running, 1), (head.Stages[1].State, head.Stages[1].Attempt));

        var applied = (await harness.SendAsync(harness.Success(victim.JobId, StageName.Build, 1), ct))!;
        Assert.Equal(JobState.Publishing, applied.State);
        var request = harness.Sender.OfType<PublishRequested>()[^1];
        Assert.Equal((victim.JobId, ObjectKeys.BuildOutput(victim.JobId)), (request.JobId, request.Inputs[StageOutputKeys.Output]));
    }

    public static TheoryData<StageName, string, string> ForgedOutputs => new()
    {
        { StageName.Fetch, StageOutputKeys.Workspace, "jobs/0000000000000000000000000000000000000000/fetch/workspace.tar.gz" },
        { StageName.Fetch, StageOutputKeys.Manifest, "jobs/{job}/fetch/../../other/fetch/manifest.json" },
        { StageName.Fetch, StageOutputKeys.Workspace, "jobs/{job}/fetch/workspace.tar.gz/" },
        { StageName.Fetch, StageOutputKeys.CacheKey, "../../cache/deps/x" },
        { StageName.Build, StageOutputKeys.Output, "jobs/{job}/build/another.tar.gz" },
        { StageName.Build, StageOutputKeys.Output, "JOBS/{job}/build/output.tar.gz" },
        { StageName.Build, StageOutputKeys.Workspace, "jobs/{job}/fetch/workspace.tar.gz" },
        { StageName.Build, StageOutputKeys.Log, "jobs/{job}/logs/build-2.log" },
        { StageName.Build, "isolated", "jobs/{job}/build" },
        { StageName.Build, "extra", "sites/other/index.html" },
        { StageName.Build, "extra", "x.tar.gz" },
        { StageName.Build, "bad name", "true" },
        { StageName.Build, StageOutputKeys.CacheHit, "true\n" },
        { StageName.Publish, StageOutputKeys.Url, "javascript:alert(1)" },
        { StageName.Publish, StageOutputKeys.Files, "-1" },
        { StageName.Publish, StageOutputKeys.Output, Other },
    };

    [Theory]
    [MemberData(nameof(ForgedOutputs))]
    public async Task HandleAsync_ResultWithAnOutputTheAttemptDoesNotWrite_OutputsRejectedAndNothingRecorded(StageName stage, string name, string value)
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        var job = await harness.StartJobAsync($"forged-{(int)stage}", etag: Guid.NewGuid().ToString("N"), cancellationToken: ct);
        foreach (var earlier in Enum.GetValues<StageName>().Where(s => s < stage))
        {
            job = (await harness.SendAsync(harness.Success(job.JobId, earlier, 1), ct))!;
        }

        var outputs = new Dictionary<string, string>(CoordinatorHarness.OutputsOf(job.JobId, stage, 1)) { [name] = value.Replace("{job}", job.JobId, StringComparison.Ordinal) };
        var entries = (await harness.Journal.ReadAllAsync(job.JobId, ct)).Count;
        var sent = harness.Sender.All.Count;

        var refused = await Assert.ThrowsAsync<OrchestratorException>(() => harness.SendAsync(harness.Success(job.JobId, stage, 1, outputs), ct));

        Assert.Equal(WorkflowErrorCodes.OutputsRejected, refused.Code);
        Assert.Equal(entries, (await harness.Journal.ReadAllAsync(job.JobId, ct)).Count);
        Assert.Equal(sent, harness.Sender.All.Count);
        Assert.Equal(StageState.Running, (await harness.ReadHeadAsync(job.JobId, ct)).Stages[(int)stage].State);
    }

    [Fact]
    public async Task HandleAsync_ForgedResultForAnEndedJob_RefusedNotRecordedAsIgnored()
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        var job = await harness.RunToEndAsync(await harness.StartJobAsync("ended", cancellationToken: ct), ct);
        var entries = (await harness.Journal.ReadAllAsync(job.JobId, ct)).Count;

        var refused = await Assert.ThrowsAsync<OrchestratorException>(() =>
            harness.SendAsync(harness.Success(job.JobId, StageName.Build, 1, new Dictionary<string, string> { [StageOutputKeys.Output] = Other }), ct));

        Assert.Equal(WorkflowErrorCodes.OutputsRejected, refused.Code);
        Assert.Equal(entries, (await harness.Journal.ReadAllAsync(job.JobId, ct)).Count);
    }

    [Fact]
    public void Problem_WhatEachStageWrites_Accepted()
    {
        const string job = "0123456789abcdef0123456789abcdef01234567";
        var fetch = new Dictionary<string, string>
        {
            [StageOutputKeys.Workspace] = ObjectKeys.Workspace(job),
            [StageOutputKeys.Manifest] = ObjectKeys.WorkspaceManifest(job),
            [StageOutputKeys.PackageManager] = "pnpm",
            [StageOutputKeys.CacheKey] = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        };
        var build = new Dictionary<string, string>
        {
            [StageOutputKeys.Output] = ObjectKeys.BuildOutput(job),
            [StageOutputKeys.Log] = ObjectKeys.StageLog(job, StageName.Build, 3),
            [StageOutputKeys.CacheHit] = "true",
            ["isolated"] = "false",
        };
        var publish = new Dictionary<string, string>
        {
            [StageOutputKeys.Url] = "oss://orchestrator-sites/sites/blog/",
            [StageOutputKeys.Files] = "12",
            [StageOutputKeys.Uploaded] = "0",
            [StageOutputKeys.Skipped] = "12",
            [StageOutputKeys.Log] = ObjectKeys.StageLog(job, StageName.Publish, 1),
        };

        Assert.Null(StageOutputRules.Problem(job, StageName.Fetch, 1, fetch));
        Assert.Null(StageOutputRules.Problem(job, StageName.Build, 3, build));
        Assert.Null(StageOutputRules.Problem(job, StageName.Publish, 1, publish));
        Assert.Null(StageOutputRules.Problem(job, StageName.Publish, 1, new Dictionary<string, string> { [StageOutputKeys.Url] = "https://blog.example.com/" }));
    }

    [Fact]
    public void Problem_AnyKeyValueButTheAttemptsOwn_Refused()
    {
        const string job = "0123456789abcdef0123456789abcdef01234567";
        var values = ArbMap.Default.GeneratorFor<string>()
            .Select(s => s ?? "")
            .Where(s => s != ObjectKeys.BuildOutput(job))
            .ToArbitrary();
        Prop.ForAll(values, value =>
                StageOutputRules.Problem(job, StageName.Build, 1, new Dictionary<string, string> { [StageOutputKeys.Output] = value }) is not null
                && StageOutputRules.Problem(job, StageName.Build, 1, new Dictionary<string, string> { ["extra"] = "jobs/" + value }) is not null)
            .Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }
}
