using System.Net;
using System.Net.Http.Json;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Contracts.Status;
using Orchestrator.Functions.Initialize.Tests.Support;

namespace Orchestrator.Functions.Initialize.Tests.Flow;

/// <summary>The status API and the console /invoke commands over the real coordinator, in the Initialize composition.</summary>
public sealed class CoordinatorFlowTests : InitializeTestBase
{
    [Fact]
    public async Task Api_JobsOfTheCoordinator_ListedNewestFirstWithDocumentAndHistory()
    {
        var first = await Host.FailedBuildAsync("alpha", Timeout);
        var second = await Host.FailedBuildAsync("beta", Timeout);
        using var client = Host.Client();

        var list = await client.GetFromJsonAsync("jobs", StatusJsonContext.Default.JobList, Timeout);
        var beta = await client.GetFromJsonAsync("jobs?site=beta&state=Failed", StatusJsonContext.Default.JobList, Timeout);
        var job = await client.GetFromJsonAsync($"jobs/{first.JobId}", StatusJsonContext.Default.JobDocument, Timeout);
        var history = await client.GetFromJsonAsync($"jobs/{first.JobId}/history", StatusJsonContext.Default.JobHistory, Timeout);

        Assert.Equal([second.JobId, first.JobId], list!.Jobs.Select(j => j.JobId));
        Assert.All(list.Jobs, j => Assert.Equal((JobState.Failed, StageName.Build), (j.State, j.Stage!.Value)));
        Assert.Equal(second.JobId, Assert.Single(beta!.Jobs).JobId);
        Assert.Equal(JobState.Failed, job!.State);
        Assert.Equal("BuildScriptFailed", job.Stages.Single(s => s.Name == StageName.Build).Error?.Code);
        Assert.Equal(Enumerable.Range(1, history!.Entries.Count).Select(i => (long)i), history.Entries.Select(e => e.Seq));
        Assert.Equal(JobState.Failed, history.Entries[^1].To);
    }

    [Fact]
    public async Task Retry_ThroughTheApi_RunsTheFailedBuildAgainReusingFetch()
    {
        var failed = await Host.FailedBuildAsync("gamma", Timeout);
        using var client = Host.Client(ApiHost.OpsToken);

        using var response = await client.PostAsync(new Uri($"jobs/{failed.JobId}/retry", UriKind.Relative), null, Timeout);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = await response.Content.ReadFromJsonAsync(StatusJsonContext.Default.JobDocument, Timeout);
        Assert.Equal(JobState.Building, job!.State);
        Assert.Equal(2, job.Stages.Single(s => s.Name == StageName.Build).Attempt);
        var request = Host.Sender.OfType<BuildRequested>()[^1];
        Assert.Equal((failed.JobId, 2), (request.JobId, request.Attempt));
        Assert.Equal(ObjectKeys.Workspace(failed.JobId), request.Inputs[StageOutputKeys.Workspace]);
    }

    [Fact]
    public async Task Retry_ThroughTheConsoleInvokeCommand_TakesTheSamePath()
    {
        var failed = await Host.FailedBuildAsync("delta", Timeout);
        using var client = Host.Client();

        using var invoked = await Host.InvokeAsync($$"""{"command":"retry","jobId":"{{failed.JobId}}","stage":"build"}""", "console-test-1", Timeout);
        var job = await client.GetFromJsonAsync($"jobs/{failed.JobId}", StatusJsonContext.Default.JobDocument, Timeout);

        Assert.Equal(HttpStatusCode.OK, invoked.StatusCode);
        Assert.False(invoked.Headers.Contains("x-fc-status"));
        Assert.Equal(JobState.Building, job!.State);
        Assert.Equal(2, job.Stages.Single(s => s.Name == StageName.Build).Attempt);
        Assert.Equal((failed.JobId, 2), (Host.Sender.OfType<BuildRequested>()[^1].JobId, Host.Sender.OfType<BuildRequested>()[^1].Attempt));
    }

    [Fact]
    public async Task Retry_WhileTheStageRuns_Answers409NotRetryable()
    {
        var failed = await Host.FailedBuildAsync("epsilon", Timeout);
        using var client = Host.Client(ApiHost.OpsToken);
        using var first = await client.PostAsync(new Uri($"jobs/{failed.JobId}/retry", UriKind.Relative), null, Timeout);

        using var second = await client.PostAsync(new Uri($"jobs/{failed.JobId}/retry", UriKind.Relative), null, Timeout);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("NotRetryable", (await second.Content.ReadFromJsonAsync(StatusJsonContext.Default.ApiErrorBody, Timeout))!.Error.Code);
    }

    [Fact]
    public async Task Cancel_RunningThenAgain_Answers202ThenConflict()
    {
        var failed = await Host.FailedBuildAsync("zeta", Timeout);
        using var client = Host.Client(ApiHost.OpsToken);
        using var retried = await client.PostAsync(new Uri($"jobs/{failed.JobId}/retry", UriKind.Relative), null, Timeout);

        using var cancel = await client.PostAsync(new Uri($"jobs/{failed.JobId}/cancel", UriKind.Relative), null, Timeout);
        using var again = await client.PostAsync(new Uri($"jobs/{failed.JobId}/cancel", UriKind.Relative), null, Timeout);

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Equal(JobState.Cancelled, (await cancel.Content.ReadFromJsonAsync(StatusJsonContext.Default.JobDocument, Timeout))!.State);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Ops_UnknownJob_Answers404JobNotFound()
    {
        using var client = Host.Client(ApiHost.OpsToken);

        using var retry = await client.PostAsync(new Uri("jobs/no-such-job/retry", UriKind.Relative), null, Timeout);
        using var cancel = await client.PostAsync(new Uri("jobs/no-such-job/cancel", UriKind.Relative), null, Timeout);

        Assert.Equal(HttpStatusCode.NotFound, retry.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        Assert.Equal("JobNotFound", (await retry.Content.ReadFromJsonAsync(StatusJsonContext.Default.ApiErrorBody, Timeout))!.Error.Code);
    }

    [Fact]
    public async Task Rollback_ThroughTheApi_IsForwardedToPublish()
    {
        using var client = Host.Client(ApiHost.OpsToken);

        using var response = await client.PostAsync(new Uri("sites/alpha/rollback", UriKind.Relative), JsonContent.Create(new RollbackRequest("job-1"), StatusJsonContext.Default.RollbackRequest), Timeout);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var sent = Assert.Single(Host.Sender.Sent, s => s.Message is RollbackRequested);
        Assert.Equal(Orchestrator.Contracts.Messages.Destination.Publish, sent.Destination);
        Assert.Equal(("alpha", "job-1"), (((RollbackRequested)sent.Message).Site, ((RollbackRequested)sent.Message).ToJobId));
    }
}
