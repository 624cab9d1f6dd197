using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Json;
using Orchestrator.Contracts.Status;
using Orchestrator.Functions.Initialize.Tests.Support;

namespace Orchestrator.Functions.Initialize.Tests.Flow;

/// <summary>The FC console's <c>{"command":"status","jobId":…}</c> test event, on the real Initialize composition.</summary>
public sealed class ConsoleStatusTests : InitializeTestBase
{
    [Fact]
    public async Task Status_ConsoleInvokeCommand_AnswersTheJobDocumentAndChangesNothing()
    {
        var failed = await Host.FailedBuildAsync("status-site", Timeout);
        using var client = Host.Client();
        var before = await client.GetFromJsonAsync($"jobs/{failed.JobId}/history", StatusJsonContext.Default.JobHistory, Timeout);
        var sent = Host.Sender.Sent.Count;

        using var invoked = await Host.InvokeAsync($$"""{"command":"status","jobId":"{{failed.JobId}}"}""", "console-status-1", Timeout);

        Assert.Equal(HttpStatusCode.OK, invoked.StatusCode);
        Assert.False(invoked.Headers.Contains("x-fc-status"));
        using var answer = JsonDocument.Parse(await invoked.Content.ReadAsStringAsync(Timeout));
        var job = answer.RootElement.GetProperty("job").Deserialize(ContractsJsonContext.Default.JobDocument)!;
        Assert.Equal((failed.JobId, "status-site", JobState.Failed), (job.JobId, job.Site, job.State));
        Assert.Equal("BuildScriptFailed", job.Stages.Single(s => s.Name == StageName.Build).Error?.Code);
        var after = await client.GetFromJsonAsync($"jobs/{failed.JobId}/history", StatusJsonContext.Default.JobHistory, Timeout);
        Assert.Equal(before!.Entries.Count, after!.Entries.Count);
        Assert.Equal(sent, Host.Sender.Sent.Count);
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef01234567")]
    [InlineData("not-a-job-id")]
    public async Task Status_UnknownJob_JobNotFoundWithoutMassTransitInternals(string jobId)
    {
        using var invoked = await Host.InvokeAsync($$"""{"command":"status","jobId":"{{jobId}}"}""", "console-status-2", Timeout);

        Assert.Equal("404", Assert.Single(invoked.Headers.GetValues("x-fc-status")));
        var text = await invoked.Content.ReadAsStringAsync(Timeout);
        using var error = JsonDocument.Parse(text);
        Assert.Equal("JobNotFound", error.RootElement.GetProperty("errorType").GetString());
        Assert.DoesNotContain("mediator", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("consumed", text, StringComparison.OrdinalIgnoreCase);
    }
}
