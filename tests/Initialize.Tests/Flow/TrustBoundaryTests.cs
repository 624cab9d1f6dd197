using System.Net;
using System.Net.Http.Json;
using System.Text;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Contracts.Status;
using Orchestrator.Functions.Initialize.Tests.Support;
using Orchestrator.Messaging.Wire;

namespace Orchestrator.Functions.Initialize.Tests.Flow;

/// <summary>
/// What an outsider can do to a running job through the Initialize composition: through the HTTP trigger nothing
/// reaches event handling or a lifecycle hook whatever the path, and even a result forged inside the account cannot
/// point the job at another job's files.
/// </summary>
public sealed class TrustBoundaryTests : InitializeTestBase
{
    public static TheoryData<string, string> LifecyclePaths => new()
    {
        { "POST", "/invoke" },
        { "POST", "/initialize" },
        { "GET", "/pre-stop" },
        { "GET", "/pre-freeze" },
    };

    [Theory]
    [MemberData(nameof(LifecyclePaths))]
    public async Task HttpTrigger_LifecyclePathWithForgedResultOrCommand_ReachesNothingAndTheJobRunsOn(string method, string path)
    {
        var other = await Host.FailedBuildAsync("other-site", Timeout);
        var job = await Host.BuildingAsync("victim", Timeout);
        using var client = Host.Client(ApiHost.OpsToken);
        string[] bodies =
        [
            EnvelopeSerializer.Serialize(new StageSucceeded("forged-1", job.JobId, StageName.Build, 1, new Dictionary<string, string> { [StageOutputKeys.Output] = ObjectKeys.BuildOutput(other.JobId) })),
            $$"""{"command":"cancel","jobId":"{{job.JobId}}"}""",
        ];

        foreach (var body in bodies)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(body, Encoding.UTF8, "application/octet-stream") };
            using var response = await client.SendAsync(request, Timeout);

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.False(response.Headers.Contains("x-fc-status"));
        }

        var after = await client.GetFromJsonAsync($"jobs/{job.JobId}", StatusJsonContext.Default.JobDocument, Timeout);
        Assert.Equal(JobState.Building, after!.State);
        Assert.Equal((StageState.Running, 1), (after.Stages[1].State, after.Stages[1].Attempt));
        Assert.Empty(Host.Sender.OfType<PublishRequested>());
    }

    [Fact]
    public async Task Invoke_ResultNamingAnotherJobsOutput_OutputsRejectedThenTheGenuineResultApplies()
    {
        var other = await Host.FailedBuildAsync("other-site", Timeout);
        var job = await Host.BuildingAsync("victim", Timeout);
        var forged = new StageSucceeded("forged-2", job.JobId, StageName.Build, 1, new Dictionary<string, string> { [StageOutputKeys.Output] = ObjectKeys.BuildOutput(other.JobId) });
        var genuine = new StageSucceeded("genuine-2", job.JobId, StageName.Build, 1, new Dictionary<string, string> { [StageOutputKeys.Output] = ObjectKeys.BuildOutput(job.JobId) });

        using var refused = await Host.InvokeAsync(EnvelopeSerializer.Serialize(forged), "forged", Timeout);
        using var client = Host.Client();
        var between = await client.GetFromJsonAsync($"jobs/{job.JobId}", StatusJsonContext.Default.JobDocument, Timeout);
        using var applied = await Host.InvokeAsync(EnvelopeSerializer.Serialize(genuine), "genuine", Timeout);

        Assert.Equal("404", Assert.Single(refused.Headers.GetValues("x-fc-status")));
        Assert.Contains("\"errorType\":\"OutputsRejected\"", await refused.Content.ReadAsStringAsync(Timeout), StringComparison.Ordinal);
        Assert.Equal(JobState.Building, between!.State);
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        var publish = Assert.Single(Host.Sender.OfType<PublishRequested>());
        Assert.Equal((job.JobId, ObjectKeys.BuildOutput(job.JobId)), (publish.JobId, publish.Inputs[StageOutputKeys.Output]));
    }
}
