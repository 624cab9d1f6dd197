using System.Text.Json;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Contracts.Status;
using Orchestrator.Functions.Initialize.Tests.Support;

namespace Orchestrator.Functions.Initialize.Tests.Cli;

public sealed class StatusVerbsTests : ApiTestBase
{
    private Dictionary<string, string?> Env(string? token = null) => new()
    {
        ["ORCHESTRATOR_API"] = Host.BaseAddress.ToString(),
        ["ORCHESTRATOR_TOKEN"] = token,
    };

    [Fact]
    public async Task Jobs_Seeded_PrintsNewestFirstAndJsonOnRequest()
    {
        await Seeder.PutJobAsync(JobSeeder.Job("old-1", "blog", JobState.Succeeded, JobSeeder.Epoch), Timeout);
        await Seeder.PutJobAsync(JobSeeder.Job("new-2", "blog", JobState.Failed, JobSeeder.Epoch.AddHours(1), StageName.Build), Timeout);

        var table = await CliProcess.RunAsync(Env(), Timeout, "jobs");
        var json = await CliProcess.RunAsync(Env(), Timeout, "jobs", "--state", "Failed", "--json");

        Assert.Equal(0, table.Exit);
        Assert.True(table.Stdout.IndexOf("new-2", StringComparison.Ordinal) < table.Stdout.IndexOf("old-1", StringComparison.Ordinal), table.Stdout);
        Assert.Contains("Failed", table.Stdout, StringComparison.Ordinal);
        var list = JsonSerializer.Deserialize(json.Stdout.Trim(), StatusJsonContext.Default.JobList);
        Assert.Equal(["new-2"], list!.Jobs.Select(j => j.JobId));
    }

    [Fact]
    public async Task Status_FailedJob_ShowsStagesAndErrorAndJsonDocument()
    {
        await Seeder.PutJobAsync(JobSeeder.Job("job-s1", "blog", JobState.Failed, JobSeeder.Epoch, StageName.Build), Timeout);

        var text = await CliProcess.RunAsync(Env(), Timeout, "status", "job-s1");
        var json = await CliProcess.RunAsync(Env(), Timeout, "status", "job-s1", "--json", "--api", Host.BaseAddress.ToString().TrimEnd('/'));

        Assert.Equal(0, text.Exit);
        Assert.Contains("BuildScriptFailed: npm run build exited with code 1", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("build    Failed", text.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, json.Exit);
        var document = JsonSerializer.Deserialize(json.Stdout.Trim(), StatusJsonContext.Default.JobDocument);
        Assert.Equal(JobState.Failed, document!.State);
    }

    [Fact]
    public async Task Status_MissingJob_PrintsOneErrorLineAndExitsNonZero()
    {
        var result = await CliProcess.RunAsync(Env(), Timeout, "status", "ghost");

        Assert.Equal(1, result.Exit);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: JobNotFound:", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_NoApiAddress_SaysHowToGiveOne()
    {
        var result = await CliProcess.RunAsync(new Dictionary<string, string?>(), Timeout, "status", "job-1");

        Assert.Equal(2, result.Exit);
        Assert.Contains("ORCHESTRATOR_API", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_ApiUnreachable_PrintsOneErrorLine()
    {
        var result = await CliProcess.RunAsync(new Dictionary<string, string?> { ["ORCHESTRATOR_API"] = "http://127.0.0.1:9" }, Timeout, "status", "job-1");

        Assert.Equal(1, result.Exit);
        Assert.StartsWith("error: ApiUnreachable:", result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task HistoryAndLogs_Seeded_PrintJournalAndTheChosenAttempt()
    {
        await Seeder.PutJobAsync(JobSeeder.Job("job-s2", "blog", JobState.Building, JobSeeder.Epoch), Timeout);
        await Seeder.PutJournalAsync("job-s2", Timeout, ("ObjectCreated", JobState.Pending, JobState.Fetching, null), ("StageSucceeded", JobState.Fetching, JobState.Building, "fetch done"));
        await Seeder.PutLogAsync("job-s2", StageName.Build, 1, "attempt one\n", Timeout);
        await Seeder.PutLogAsync("job-s2", StageName.Build, 2, "attempt two\n", Timeout);

        var history = await CliProcess.RunAsync(Env(), Timeout, "history", "job-s2");
        var latest = await CliProcess.RunAsync(Env(), Timeout, "logs", "job-s2", "--stage", "build");
        var first = await CliProcess.RunAsync(Env(), Timeout, "logs", "job-s2", "--stage", "build", "--attempt", "1");

        Assert.Equal(0, history.Exit);
        Assert.Contains("StageSucceeded", history.Stdout, StringComparison.Ordinal);
        Assert.Contains("Fetching -> Building  fetch done", history.Stdout, StringComparison.Ordinal);
        Assert.Equal("attempt two\n", latest.Stdout);
        Assert.Equal("attempt one\n", first.Stdout);
    }

    [Fact]
    public async Task Retry_WithoutToken_IsRefusedWithOneLine()
    {
        var result = await CliProcess.RunAsync(Env(), Timeout, "retry", "job-1");

        Assert.Equal(1, result.Exit);
        Assert.StartsWith("error: Unauthorized:", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(Coordinator.Received);
    }

    [Fact]
    public async Task RetryCancelRollback_WithToken_ReachTheCoordinator()
    {
        Coordinator.Answer = m => m is IJobMessage job ? JobSeeder.Job(job.JobId, "blog", JobState.Building, JobSeeder.Epoch) : null;

        var retry = await CliProcess.RunAsync(Env(ApiHost.OpsToken), Timeout, "retry", "job-9", "--stage", "build");
        var cancel = await CliProcess.RunAsync(Env(), Timeout, "cancel", "job-9", "--token", ApiHost.OpsToken);
        var rollback = await CliProcess.RunAsync(Env(ApiHost.OpsToken), Timeout, "rollback", "blog", "--to", "job-3");

        Assert.Equal((0, 0, 0), (retry.Exit, cancel.Exit, rollback.Exit));
        Assert.Contains("retry accepted: job job-9 is Building", retry.Stdout, StringComparison.Ordinal);
        var received = Coordinator.Received.ToList();
        Assert.Equal(StageName.Build, Assert.IsType<RetryJob>(received[0]).Stage);
        Assert.Equal("job-9", Assert.IsType<CancelJob>(received[1]).JobId);
        Assert.Equal(("blog", "job-3"), (Assert.IsType<RollbackRequested>(received[2]).Site, ((RollbackRequested)received[2]).ToJobId));
    }

    [Fact]
    public async Task Retry_CoordinatorRefuses_PrintsItsCode()
    {
        Coordinator.Answer = _ => throw new Orchestrator.Contracts.Errors.OrchestratorException("NotRetryable", "job job-8 is running build attempt 1", retryable: false);

        var result = await CliProcess.RunAsync(Env(ApiHost.OpsToken), Timeout, "retry", "job-8");

        Assert.Equal(1, result.Exit);
        Assert.Equal("error: NotRetryable: job job-8 is running build attempt 1", result.Stderr.Trim());
    }

    [Theory]
    [InlineData(JobState.Succeeded, 0)]
    [InlineData(JobState.Failed, 1)]
    [InlineData(JobState.Cancelled, 2)]
    public async Task Watch_EndedJob_ExitsByOutcome(JobState state, int exit)
    {
        await Seeder.PutJobAsync(JobSeeder.Job("job-w1", "blog", state, JobSeeder.Epoch, StageName.Publish), Timeout);

        var result = await CliProcess.RunAsync(Env(), Timeout, "watch", "job-w1");

        Assert.Equal(exit, result.Exit);
        Assert.Contains($"job job-w1 {state}", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_MissingJob_Exits3()
    {
        var result = await CliProcess.RunAsync(Env(), Timeout, "watch", "ghost", "--interval", "100");

        Assert.Equal(3, result.Exit);
        Assert.StartsWith("error: JobNotFound:", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_RunningJob_FollowsItToTheEnd()
    {
        await Seeder.PutJobAsync(JobSeeder.Job("job-w2", "blog", JobState.Building, JobSeeder.Epoch), Timeout);
        using var watch = CliProcess.Start(Env(), "watch", "job-w2", "--interval", "100");
        await watch.WaitForOutputAsync("job job-w2 Building", Timeout);

        await Seeder.PutJobAsync(JobSeeder.Job("job-w2", "blog", JobState.Succeeded, JobSeeder.Epoch), Timeout, indexed: false);
        var exit = await watch.WaitAsync(Timeout);

        Assert.Equal(0, exit);
        Assert.Contains("build    Running", watch.Stdout, StringComparison.Ordinal);
        Assert.Contains("publish  Succeeded", watch.Stdout, StringComparison.Ordinal);
        Assert.Contains("job job-w2 Succeeded  30.0 s since upload", watch.Stdout, StringComparison.Ordinal);
        Assert.Contains("publish  Succeeded  attempt 1/3  took 8.0 s", watch.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_SubSecondStagesPiped_PlainLinesShowTenthsOfASecond()
    {
        var seeded = JobSeeder.Job("job-w4", "blog", JobState.Succeeded, JobSeeder.Epoch);
        var fast = seeded with
        {
            UpdatedAt = JobSeeder.Epoch.AddMilliseconds(1400),
            Stages = [.. seeded.Stages.Select(stage => stage with { StartedAt = JobSeeder.Epoch, FinishedAt = JobSeeder.Epoch.AddMilliseconds(300) })],
        };
        await Seeder.PutJobAsync(fast, Timeout);

        var result = await CliProcess.RunAsync(Env(), Timeout, "watch", "job-w4");

        Assert.Equal(0, result.Exit);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, line => line.EndsWith("job job-w4 Succeeded  1.4 s since upload", StringComparison.Ordinal));
        Assert.Equal(3, lines.Count(line => line.EndsWith("Succeeded  attempt 1/3  took 0.3 s", StringComparison.Ordinal)));
        Assert.DoesNotContain("\u001b[", result.Stdout, StringComparison.Ordinal); // piped: no terminal control codes
    }

    [Fact]
    public async Task Watch_Timeout_Exits3()
    {
        await Seeder.PutJobAsync(JobSeeder.Job("job-w3", "blog", JobState.Building, JobSeeder.Epoch), Timeout);

        var result = await CliProcess.RunAsync(Env(), Timeout, "watch", "job-w3", "--interval", "100", "--timeout", "1");

        Assert.Equal(3, result.Exit);
        Assert.Contains("Timeout", result.Stderr, StringComparison.Ordinal);
    }
}
