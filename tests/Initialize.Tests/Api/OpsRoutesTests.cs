using System.Net;
using System.Net.Http.Json;
using System.Text;
using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Contracts.Status;
using Orchestrator.Functions.Initialize.Tests.Support;

namespace Orchestrator.Functions.Initialize.Tests.Api;

public sealed class OpsRoutesTests : ApiTestBase
{
    [Fact]
    public async Task Retry_WithStage_HandsRetryJobToTheCoordinatorAndAnswers202WithTheJob()
    {
        var after = JobSeeder.Job("job-r1", "blog", JobState.Building, JobSeeder.Epoch);
        Coordinator.Answer = _ => after;
        using var client = Host.Client(ApiHost.OpsToken);

        using var response = await client.PostAsync(new Uri("jobs/job-r1/retry", UriKind.Relative), Json("""{"stage":"build"}"""), Timeout);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = await response.Content.ReadFromJsonAsync(StatusJsonContext.Default.JobDocument, Timeout);
        Assert.Equal(JobState.Building, job!.State);
        var retry = Assert.IsType<RetryJob>(Assert.Single(Coordinator.Received));
        Assert.Equal(("job-r1", StageName.Build), (retry.JobId, retry.Stage));
        Assert.False(string.IsNullOrEmpty(retry.MessageId));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \n")]
    [InlineData("{}")]
    [InlineData("""{"stage":null}""")]
    public async Task Retry_WithoutStage_AsksForTheFailedStage(string? body)
    {
        Coordinator.Answer = _ => JobSeeder.Job("job-r2", "blog", JobState.Building, JobSeeder.Epoch);
        using var client = Host.Client(ApiHost.OpsToken);

        using var response = await client.PostAsync(new Uri("jobs/job-r2/retry", UriKind.Relative), body is null ? null : Json(body), Timeout);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Null(Assert.IsType<RetryJob>(Assert.Single(Coordinator.Received)).Stage);
    }

    [Theory]
    [InlineData("{", "InvalidBody")]
    [InlineData("[1,2]", "InvalidBody")]
    [InlineData("\"build\"", "InvalidBody")]
    [InlineData("""{"stage":5}""", "InvalidBody")]
    [InlineData("""{"stage":"deploy"}""", "InvalidStage")]
    public async Task Retry_MalformedBody_Answers400WithCodeAndNeverReachesTheCoordinator(string body, string code)
    {
        using var client = Host.Client(ApiHost.OpsToken);

        using var response = await client.PostAsync(new Uri("jobs/job-r3/retry", UriKind.Relative), Json(body), Timeout);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, (await ErrorOf(response)).Code);
        Assert.Empty(Coordinator.Received);
    }

    [Fact]
    public async Task Retry_HugeBody_Answers413()
    {
        using var client = Host.Client(ApiHost.OpsToken);

        using var response = await client.PostAsync(new Uri("jobs/job-r3/retry", UriKind.Relative), Json("{\"stage\":\"" + new string('x', 100_000) + "\"}"), Timeout);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("BodyTooLarge", (await ErrorOf(response)).Code);
    }

    [Theory]
    [InlineData("NotRetryable", HttpStatusCode.Conflict)]
    [InlineData("AlreadyTerminal", HttpStatusCode.Conflict)]
    [InlineData("JobNotFound", HttpStatusCode.NotFound)]
    public async Task Ops_CoordinatorRefuses_AnswersItsCodeWithAFittingStatus(string code, HttpStatusCode status)
    {
        Coordinator.Answer = _ => throw new OrchestratorException(code, $"refused: {code}", retryable: false);
        using var client = Host.Client(ApiHost.OpsToken);

        using var retry = await client.PostAsync(new Uri("jobs/job-r4/retry", UriKind.Relative), null, Timeout);
        using var cancel = await client.PostAsync(new Uri("jobs/job-r4/cancel", UriKind.Relative), null, Timeout);

        Assert.Equal(status, retry.StatusCode);
        Assert.Equal(status, cancel.StatusCode);
        var error = await ErrorOf(retry);
        Assert.Equal((code, $"refused: {code}"), (error.Code, error.Message));
    }

    [Fact]
    public async Task Ops_CoordinatorCrashes_Answers500WithoutDetails()
    {
        Coordinator.Answer = _ => throw new InvalidOperationException("secret internals at /code/x.cs:42");
        using var client = Host.Client(ApiHost.OpsToken);

        using var response = await client.PostAsync(new Uri("jobs/job-r5/cancel", UriKind.Relative), null, Timeout);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var error = await ErrorOf(response);
        Assert.Equal("InternalError", error.Code);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_Accepted_HandsCancelJobToTheCoordinatorAndAnswers202()
    {
        Coordinator.Answer = m => JobSeeder.Job(((CancelJob)m).JobId, "blog", JobState.Cancelled, JobSeeder.Epoch);
        using var client = Host.Client(ApiHost.OpsToken);

        using var response = await client.PostAsync(new Uri("jobs/job-c1/cancel", UriKind.Relative), null, Timeout);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(JobState.Cancelled, (await response.Content.ReadFromJsonAsync(StatusJsonContext.Default.JobDocument, Timeout))!.State);
        Assert.Equal("job-c1", Assert.IsType<CancelJob>(Assert.Single(Coordinator.Received)).JobId);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("""{"to":"job-7"}""", "job-7")]
    public async Task Rollback_Accepted_HandsRollbackToTheCoordinatorAndAnswers202(string? body, string? to)
    {
        using var client = Host.Client(ApiHost.OpsToken);

        using var response = await client.PostAsync(new Uri("sites/blog/rollback", UriKind.Relative), body is null ? null : Json(body), Timeout);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync(StatusJsonContext.Default.RollbackAccepted, Timeout);
        var sent = Assert.IsType<RollbackRequested>(Assert.Single(Coordinator.Received));
        Assert.Equal(("blog", to), (sent.Site, sent.ToJobId));
        Assert.Equal((sent.Site, sent.ToJobId, sent.MessageId), (accepted!.Site, accepted.To, accepted.MessageId));
    }

    [Theory]
    [InlineData("sites/blog/rollback", """{"to":"../etc"}""", "InvalidJobId")]
    [InlineData("sites/blog/rollback", """{"to":["a"]}""", "InvalidBody")]
    [InlineData("sites/b..%20g/rollback", null, "InvalidSite")]
    public async Task Rollback_BadInput_Answers400(string path, string? body, string code)
    {
        using var client = Host.Client(ApiHost.OpsToken);

        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), body is null ? null : Json(body), Timeout);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, (await ErrorOf(response)).Code);
        Assert.Empty(Coordinator.Received);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
