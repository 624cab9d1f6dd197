using System.Net;
using System.Net.Http.Json;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Status;
using Orchestrator.Functions.Initialize.Tests.Support;

namespace Orchestrator.Functions.Initialize.Tests.Api;

public sealed class JobRoutesTests : ApiTestBase
{
    [Fact]
    public async Task GetJob_Existing_AnswersTheDocumentInContractShape()
    {
        var job = JobSeeder.Job("job-a1", "blog", JobState.Failed, JobSeeder.Epoch, StageName.Build);
        await Seeder.PutJobAsync(job, Timeout);
        using var client = Host.Client();

        using var response = await client.GetAsync(new Uri("jobs/job-a1", UriKind.Relative), Timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await JsonOf(response);
        Assert.Equal("job-a1", json.GetProperty("jobId").GetString());
        Assert.Equal("Failed", json.GetProperty("state").GetString());
        Assert.Equal("src/blog/app.zip", json.GetProperty("source").GetProperty("key").GetString());
        var build = json.GetProperty("stages")[1];
        Assert.Equal("build", build.GetProperty("name").GetString());
        Assert.Equal("Failed", build.GetProperty("state").GetString());
        Assert.Equal(1, build.GetProperty("attempt").GetInt32());
        Assert.Equal(3, build.GetProperty("maxAttempts").GetInt32());
        Assert.Equal("BuildScriptFailed", build.GetProperty("error").GetProperty("code").GetString());
        Assert.False(build.GetProperty("error").GetProperty("retryable").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, build.GetProperty("nextRetryAt").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("stages")[2].GetProperty("error").ValueKind);

        // Timestamps in UTC with a Z: the default "+00:00" would reach the client as "\u002B00:00".
        Assert.Equal("2026-11-20T12:00:00Z", json.GetProperty("createdAt").GetString());
        Assert.DoesNotContain("\\u002B", await response.Content.ReadAsStringAsync(Timeout), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetJob_ListedBeforeItsHeadIsWritten_AnswersFromTheJournalThroughTheCoordinator()
    {
        // A new job's index entry is written before its head, so the list can show it a moment before job.json exists.
        var job = JobSeeder.Job("job-new", "blog", JobState.Fetching, JobSeeder.Epoch);
        await Seeder.PutJobAsync(job, Timeout);
        await Store.Store.DeleteAsync(Store.Bucket, ObjectKeys.JobHead("job-new"), Timeout);
        Coordinator.Answer = message => message is Contracts.Messages.JobStatusRequested { JobId: "job-new" } ? job : null;
        using var client = Host.Client();

        using var listed = await client.GetAsync(new Uri("jobs", UriKind.Relative), Timeout);
        using var response = await client.GetAsync(new Uri("jobs/job-new", UriKind.Relative), Timeout);

        Assert.Contains("job-new", await listed.Content.ReadAsStringAsync(Timeout), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Fetching", (await JsonOf(response)).GetProperty("state").GetString());
        Assert.Single(Coordinator.Received.OfType<Contracts.Messages.JobStatusRequested>());
    }

    [Theory]
    [InlineData("jobs/nope")]
    [InlineData("jobs/nope/history")]
    public async Task GetJobOrHistory_Missing_Answers404JobNotFound(string path)
    {
        using var client = Host.Client();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Timeout);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("JobNotFound", (await ErrorOf(response)).Code);
    }

    [Theory]
    [InlineData("job~1")]
    [InlineData("a%20b")]
    [InlineData("job%3Fx")]
    public async Task GetJob_MalformedId_Answers400InvalidJobId(string id)
    {
        using var client = Host.Client();

        using var response = await client.GetAsync(new Uri("jobs/" + id + "/history", UriKind.Relative), Timeout);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("InvalidJobId", (await ErrorOf(response)).Code);
    }

    [Fact]
    public async Task GetHistory_Journal_AnswersEntriesInOrderWithoutInternalFields()
    {
        await Seeder.PutJobAsync(JobSeeder.Job("job-h1", "blog", JobState.Building, JobSeeder.Epoch), Timeout);
        await Seeder.PutJournalAsync(
            "job-h1",
            Timeout,
            ("ObjectCreated", JobState.Pending, JobState.Fetching, "src/blog/app.zip"),
            ("StageSucceeded", JobState.Fetching, JobState.Building, "fetch attempt 1"),
            ("StageFailed", JobState.Building, JobState.Building, "build attempt 1: retry at 12:01"));
        using var client = Host.Client();

        using var response = await client.GetAsync(new Uri("jobs/job-h1/history", UriKind.Relative), Timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await JsonOf(response);
        var entries = json.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal([1L, 2L, 3L], entries.Select(e => e.GetProperty("seq").GetInt64()));
        Assert.Equal("StageSucceeded", entries[1].GetProperty("event").GetString());
        Assert.Equal("Fetching", entries[1].GetProperty("from").GetString());
        Assert.Equal("Building", entries[1].GetProperty("to").GetString());
        Assert.Equal("fetch attempt 1", entries[1].GetProperty("detail").GetString());
        Assert.All(entries, e => Assert.False(e.TryGetProperty("commands", out _)));
        Assert.All(entries, e => Assert.Equal(6, e.EnumerateObject().Count()));
    }

    [Fact]
    public async Task GetLog_NoAttemptGiven_AnswersTheLatestAttemptAsText()
    {
        await Seeder.PutJobAsync(JobSeeder.Job("job-l1", "blog", JobState.Failed, JobSeeder.Epoch, StageName.Build), Timeout);
        await Seeder.PutLogAsync("job-l1", StageName.Build, 1, "first try\n", Timeout);
        await Seeder.PutLogAsync("job-l1", StageName.Build, 2, "second try\n", Timeout);
        await Seeder.PutLogAsync("job-l1", StageName.Build, 10, "tenth try\n", Timeout);
        using var client = Host.Client();

        using var latest = await client.GetAsync(new Uri("jobs/job-l1/logs/build", UriKind.Relative), Timeout);
        using var second = await client.GetAsync(new Uri("jobs/job-l1/logs/BUILD?attempt=2", UriKind.Relative), Timeout);

        Assert.Equal(HttpStatusCode.OK, latest.StatusCode);
        Assert.Equal("text/plain", latest.Content.Headers.ContentType?.MediaType);
        Assert.Equal("tenth try\n", await latest.Content.ReadAsStringAsync(Timeout));
        Assert.Equal("second try\n", await second.Content.ReadAsStringAsync(Timeout));
    }

    [Fact]
    public async Task GetLog_AttemptWithoutLog_Answers404LogNotFound()
    {
        await Seeder.PutJobAsync(JobSeeder.Job("job-l2", "blog", JobState.Fetching, JobSeeder.Epoch), Timeout);
        using var client = Host.Client();

        using var none = await client.GetAsync(new Uri("jobs/job-l2/logs/publish", UriKind.Relative), Timeout);
        using var third = await client.GetAsync(new Uri("jobs/job-l2/logs/fetch?attempt=3", UriKind.Relative), Timeout);
        using var ghost = await client.GetAsync(new Uri("jobs/ghost/logs/fetch", UriKind.Relative), Timeout);

        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Equal("LogNotFound", (await ErrorOf(none)).Code);
        Assert.Equal("LogNotFound", (await ErrorOf(third)).Code);
        Assert.Equal("JobNotFound", (await ErrorOf(ghost)).Code);
    }

    [Theory]
    [InlineData("jobs/job-l3/logs/deploy", "InvalidStage")]
    [InlineData("jobs/job-l3/logs/build?attempt=0", "InvalidAttempt")]
    [InlineData("jobs/job-l3/logs/build?attempt=abc", "InvalidAttempt")]
    [InlineData("jobs/job-l3/logs/build?attempt=-1", "InvalidAttempt")]
    public async Task GetLog_BadStageOrAttempt_Answers400WithCode(string path, string code)
    {
        using var client = Host.Client();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Timeout);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, (await ErrorOf(response)).Code);
    }

    [Fact]
    public async Task Healthz_Always_Answers200()
    {
        using var client = Host.Client();

        var report = await client.GetFromJsonAsync("healthz", StatusJsonContext.Default.HealthReport, Timeout);

        Assert.Equal("ok", report?.Status);
    }

    [Fact]
    public async Task Graph_Always_AnswersTheMachineAsMermaidText()
    {
        using var client = Host.Client();

        using var response = await client.GetAsync(new Uri("graph", UriKind.Relative), Timeout);
        var text = await response.Content.ReadAsStringAsync(Timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Orchestrator.Workflow.Graph.JobGraph.Mermaid(), text);
        Assert.StartsWith("stateDiagram-v2", text, StringComparison.Ordinal);
        Assert.Contains("Building", text, StringComparison.Ordinal);
    }
}
