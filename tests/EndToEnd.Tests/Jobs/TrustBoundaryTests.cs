using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Messaging.Wire;

namespace Orchestrator.EndToEnd.Tests.Jobs;

/// <summary>
/// Issue 11's trust boundaries on the dev cloud, against a running job: the HTTP trigger reaches only the status API
/// (no path reaches event handling or a lifecycle hook, client x-fc-* headers are refused as FC refuses them), and
/// on the real /invoke the console's status answers the job, forged results and foreign uploads are refused.
/// </summary>
public sealed class TrustBoundaryTests(StuckFetchCloud cloud) : IClassFixture<StuckFetchCloud>
{
    private static readonly string OtherJob = JobIds.FromSource("orchestrator-sites", "src/other/app.zip", "0123456789ABCDEF0123456789ABCDEF");

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    [Fact]
    public async Task HttpTrigger_InvokeAndLifecyclePaths_ReachNothingAndTheRunningJobIsUnchanged()
    {
        var before = await cloud.System.HistoryAsync(cloud.JobId, Timeout());
        var forged = EnvelopeSerializer.Serialize(new StageSucceeded("forged-http", cloud.JobId, StageName.Fetch, 1, new Dictionary<string, string>
        {
            [StageOutputKeys.Workspace] = ObjectKeys.BuildOutput(OtherJob),
        }));
        (HttpMethod Method, string Path, string? Body)[] calls =
        [
            (HttpMethod.Post, "invoke", forged),
            (HttpMethod.Post, "invoke", $$"""{"command":"cancel","jobId":"{{cloud.JobId}}"}"""),
            (HttpMethod.Get, "pre-stop", null),
            (HttpMethod.Get, "pre-freeze", null),
            (HttpMethod.Post, "initialize", null),
        ];

        foreach (var (method, path, body) in calls)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/octet-stream") };
            using var response = await cloud.System.Api.SendAsync(request, Timeout());

            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} /{path} answered {(int)response.StatusCode}");
            Assert.False(response.Headers.Contains("x-fc-status"), $"{method} /{path} reached an invocation");
        }

        var job = (await cloud.JobAsync(Timeout()))!;
        Assert.Equal("Fetching", job["state"]!.GetValue<string>());
        Assert.Equal("Running", job["stages"]![0]!["state"]!.GetValue<string>());
        Assert.Equal(before.Count, (await cloud.System.HistoryAsync(cloud.JobId, Timeout())).Count);
        var log = cloud.System.FunctionLog("orchestrator-initialize");
        Assert.DoesNotContain("\"DrainStarted\"", log, StringComparison.Ordinal);
        Assert.DoesNotContain("\"PreFreeze\"", log, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x-fc-control-path", "/invoke")]
    [InlineData("X-Fc-Access-Key-Id", "LTAIforgedKey")]
    [InlineData("x-fc-security-token", "forged-token")]
    public async Task HttpTrigger_ClientFcHeader_Refused400NamingTheHeader(string header, string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "jobs");
        request.Headers.TryAddWithoutValidation(header, value);

        using var response = await cloud.System.Api.SendAsync(request, Timeout());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync(Timeout()))!;
        Assert.Equal("InvalidArgument", error["Code"]!.GetValue<string>());
        Assert.Contains(header, error["Message"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ConsoleStatus_OnInvoke_AnswersTheJobDocumentAndUnknownJobsJobNotFound()
    {
        var initialize = cloud.System.Cloud.Pool("initialize");

        var known = await initialize.InvokeAsync(Encoding.UTF8.GetBytes($$"""{"command":"status","jobId":"{{cloud.JobId}}"}"""), Timeout());
        var unknown = await initialize.InvokeAsync(Encoding.UTF8.GetBytes($$"""{"command":"status","jobId":"{{OtherJob}}"}"""), Timeout());

        Assert.True(known.Succeeded, known.Failure + " " + Encoding.UTF8.GetString(known.Body));
        var job = JsonNode.Parse(known.Body)!["job"]!;
        Assert.Equal((cloud.JobId, StuckFetchCloud.Site, "Fetching"), (job["jobId"]!.GetValue<string>(), job["site"]!.GetValue<string>(), job["state"]!.GetValue<string>()));
        Assert.False(unknown.Succeeded);
        Assert.Equal("JobNotFound", JsonNode.Parse(unknown.Body)!["errorType"]!.GetValue<string>());
    }

    [Fact]
    public async Task Invoke_ForgedResultOrForeignUpload_RefusedAndNothingChanges()
    {
        var initialize = cloud.System.Cloud.Pool("initialize");
        var before = await cloud.System.HistoryAsync(cloud.JobId, Timeout());
        var forged = EnvelopeSerializer.Serialize(new StageSucceeded("forged-invoke", cloud.JobId, StageName.Fetch, 1, new Dictionary<string, string>
        {
            [StageOutputKeys.Workspace] = ObjectKeys.Workspace(OtherJob),
            [StageOutputKeys.Manifest] = ObjectKeys.WorkspaceManifest(OtherJob),
        }));
        var foreign = $$$$"""{"events":[{"eventName":"ObjectCreated:PutObject","eventSource":"acs:oss","region":"cn-hangzhou","eventTime":"2026-01-02T03:04:05.000Z","oss":{"bucket":{"name":"someone-elses-bucket"},"object":{"key":"src/{{{{StuckFetchCloud.Site}}}}/app.zip","size":10,"eTag":"ABCDEF"}}}]}""";

        var refused = await initialize.InvokeAsync(Encoding.UTF8.GetBytes(forged), Timeout());
        var notOwned = await initialize.InvokeAsync(Encoding.UTF8.GetBytes(foreign), Timeout());

        Assert.Equal("OutputsRejected", JsonNode.Parse(refused.Body)!["errorType"]!.GetValue<string>());
        Assert.Equal("BucketNotOwned", JsonNode.Parse(notOwned.Body)!["errorType"]!.GetValue<string>());
        var job = (await cloud.JobAsync(Timeout()))!;
        Assert.Equal("Fetching", job["state"]!.GetValue<string>());
        Assert.Equal(before.Count, (await cloud.System.HistoryAsync(cloud.JobId, Timeout())).Count);
        using var jobs = await cloud.System.Api.GetAsync("jobs", Timeout());
        Assert.Single(JsonNode.Parse(await jobs.Content.ReadAsStringAsync(Timeout()))!["jobs"]!.AsArray());
    }
}
