using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Orchestrator.EndToEnd.Tests.DevCloud;

public class LocalCloudTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(90)).Token;

    private static IReadOnlyList<JsonObject> Invocations(IReadOnlyList<JsonObject> calls) =>
        calls.Where(c => c["path"]!.GetValue<string>() == "/invoke").ToList();

    private static JsonNode Event(JsonObject call) => JsonNode.Parse(call["body"]!.GetValue<string>())!;

    [Fact]
    public async Task Upload_KeyMatchingTheOssTrigger_DeliversTheNativeOssEventOnlyForMatchingKeys()
    {
        await using var cloud = await ProbeCloud.StartAsync(cancellationToken: Timeout());

        await cloud.Oss.PutAsync("probe-bucket", "src/site/readme.txt", new MemoryStream("x"u8.ToArray()), null, Timeout());
        await cloud.Oss.PutAsync("probe-bucket", "other/app.zip", new MemoryStream("x"u8.ToArray()), null, Timeout());
        await cloud.Oss.PutAsync("probe-bucket", "src/site/app.zip", new MemoryStream("zip"u8.ToArray()), null, Timeout());

        var calls = Invocations(await cloud.Probe.WaitForAsync(c => Invocations(c).Count >= 1, Wait));
        var record = Event(Assert.Single(calls))["events"]![0]!;
        Assert.Equal("ObjectCreated:PutObject", record["eventName"]!.GetValue<string>());
        Assert.Equal("src/site/app.zip", record["oss"]!["object"]!["key"]!.GetValue<string>());
        Assert.Equal("probe-bucket", record["oss"]!["bucket"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Upload_FunctionFailsEveryAsyncAttempt_RetriedThenSentToTheOnFailureDestination()
    {
        await using var cloud = await ProbeCloud.StartAsync(new Dictionary<string, string> { ["PROBE_MODE"] = "fail" }, cancellationToken: Timeout());

        await cloud.Oss.PutAsync("probe-bucket", "src/site/app.zip", new MemoryStream("zip"u8.ToArray()), null, Timeout());

        var record = JsonNode.Parse(await ReceiveAsync(cloud, "probe-dead-letter"))!;
        Assert.Equal(2, Invocations(cloud.Probe.Calls()).Count); // maxAsyncRetryAttempts: 1
        Assert.Equal("RetryAttemptsExceeded", record["requestContext"]!["condition"]!.GetValue<string>());
        Assert.Contains("src/site/app.zip", record["requestPayload"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueueMessage_FunctionSucceeds_ArrivesAsCloudEventsBatchAndIsDeleted()
    {
        await using var cloud = await ProbeCloud.StartAsync(cancellationToken: Timeout());

        var sent = await cloud.Mns.SendMessageAsync("probe-queue", "{\"hello\":\"queue\"}", TimeSpan.Zero, Timeout());

        var call = Assert.Single(Invocations(await cloud.Probe.WaitForAsync(c => Invocations(c).Count >= 1, Wait)));
        var batch = Assert.IsType<JsonArray>(Event(call));
        var cloudEvent = batch.Single()!;
        Assert.Equal("1.0", cloudEvent["specversion"]!.GetValue<string>());
        Assert.Equal("mns:Queue:SendMessage", cloudEvent["type"]!.GetValue<string>());
        Assert.Equal("MNS-probe-work", cloudEvent["source"]!.GetValue<string>());
        Assert.Equal($"acs:mns:cn-hangzhou:{cloud.Cloud.AccountId}:queues/probe-queue", cloudEvent["subject"]!.GetValue<string>());
        Assert.Equal(sent.MessageId, cloudEvent["data"]!["messageId"]!.GetValue<string>());
        Assert.Equal("{\"hello\":\"queue\"}", cloudEvent["data"]!["messageBody"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(call["headers"]!["x-fc-request-id"]!.GetValue<string>()));
        await WaitUntilAsync(() => cloud.Cloud.Mns.Find("probe-queue")!.Count == 0);
    }

    [Fact]
    public async Task QueueMessage_FunctionAnswers404_RedeliveredWithBackoffThenDeadLettered()
    {
        await using var cloud = await ProbeCloud.StartAsync(new Dictionary<string, string> { ["PROBE_MODE"] = "fail" }, cancellationToken: Timeout());

        var sent = await cloud.Mns.SendMessageAsync("probe-queue", "doomed", TimeSpan.Zero, Timeout());

        var dead = await ReceiveAsync(cloud, "probe-dead-letter");
        var calls = Invocations(cloud.Probe.Calls());
        Assert.Equal(3, calls.Count); // MaximumRetryAttempts: 2 → three deliveries
        Assert.All(calls, c => Assert.Equal(sent.MessageId, Event(c)[0]!["data"]!["messageId"]!.GetValue<string>()));
        for (var i = 1; i < calls.Count; i++)
        {
            Assert.True(calls[i]["at"]!.GetValue<long>() - calls[i - 1]["at"]!.GetValue<long>() >= 900, "a retry came before its backoff");
        }

        Assert.Equal("doomed", JsonNode.Parse(dead)![0]!["data"]!["messageBody"]!.GetValue<string>());
        await WaitUntilAsync(() => cloud.Cloud.Mns.Find("probe-queue")!.Count == 0);
    }

    [Fact]
    public async Task QueueMessage_InstanceKilledMidInvocation_RedeliveredToTheRestartedInstance()
    {
        await using var cloud = await ProbeCloud.StartAsync(new Dictionary<string, string> { ["PROBE_DELAY_MS"] = "1500" }, cancellationToken: Timeout());
        var instance = cloud.Cloud.Pool("probe").Instances.Single();
        var firstPid = instance.ProcessId!.Value;

        await cloud.Mns.SendMessageAsync("probe-queue", "survivor", TimeSpan.Zero, Timeout());
        await cloud.Probe.WaitForAsync(c => Invocations(c).Count >= 1, Wait);
        Process.GetProcessById(firstPid).Kill();

        var calls = Invocations(await cloud.Probe.WaitForAsync(c => Invocations(c).Count >= 2, Wait));
        Assert.NotEqual(firstPid, calls[1]["pid"]!.GetValue<int>());
        Assert.Equal("survivor", Event(calls[1])[0]!["data"]!["messageBody"]!.GetValue<string>());
        await WaitUntilAsync(() => cloud.Cloud.Mns.Find("probe-queue")!.Count == 0);
        Assert.Equal(2, instance.Starts);
    }

    [Fact]
    public async Task QueueMessage_DuplicateDeliveryInjected_FunctionReceivesTheSameMessageTwice()
    {
        await using var cloud = await ProbeCloud.StartAsync(configure: o => o with { Pumps = o.Pumps with { DuplicateDeliveryQueues = new HashSet<string> { "probe-queue" } } }, cancellationToken: Timeout());

        var sent = await cloud.Mns.SendMessageAsync("probe-queue", "twice", TimeSpan.Zero, Timeout());

        var calls = Invocations(await cloud.Probe.WaitForAsync(c => Invocations(c).Count >= 2, Wait));
        Assert.All(calls, c => Assert.Equal(sent.MessageId, Event(c)[0]!["data"]!["messageId"]!.GetValue<string>()));
        Assert.NotEqual(calls[0]["headers"]!["x-fc-request-id"]!.GetValue<string>(), calls[1]["headers"]!["x-fc-request-id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Gateway_Request_PassesMethodPathQueryHeadersAndBodyThroughAndBack()
    {
        await using var cloud = await ProbeCloud.StartAsync(cancellationToken: Timeout());
        using var http = new HttpClient { BaseAddress = cloud.Cloud.ApiBase };
        using var request = new HttpRequestMessage(HttpMethod.Post, "jobs/abc/retry?stage=build") { Content = new StringContent("{\"stage\":\"build\"}", Encoding.UTF8, "application/json") };
        request.Headers.Add("Authorization", "Bearer t0ken");

        using var response = await http.SendAsync(request, Timeout());
        using var refused = await http.DeleteAsync("jobs/abc", Timeout());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("yes", response.Headers.GetValues("x-probe").Single());
        var call = cloud.Probe.Calls("/jobs/abc/retry").Single();
        Assert.Equal("POST", call["method"]!.GetValue<string>());
        Assert.Equal("?stage=build", call["query"]!.GetValue<string>());
        Assert.Equal("Bearer t0ken", call["headers"]!["authorization"]!.GetValue<string>());
        Assert.Equal("/http-invoke", call["headers"]!["x-fc-control-path"]!.GetValue<string>());
        Assert.Equal("{\"stage\":\"build\"}", call["body"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, refused.StatusCode);
        Assert.Contains("\"Code\":\"MethodNotAllowed\"", await refused.Content.ReadAsStringAsync(Timeout()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gateway_ClientFcHeaders_Refused400AsFcDoesAndNothingForwarded()
    {
        await using var cloud = await ProbeCloud.StartAsync(cancellationToken: Timeout());
        using var http = new HttpClient { BaseAddress = cloud.Cloud.ApiBase };
        using var request = new HttpRequestMessage(HttpMethod.Post, "invoke") { Content = new StringContent("{}") };
        request.Headers.Add("X-Fc-Control-Path", "/invoke");
        request.Headers.Add("x-fc-access-key-id", "LTAIforged");

        using var response = await http.SendAsync(request, Timeout());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Single(response.Headers.GetValues("x-fc-request-id"));
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync(Timeout()))!;
        Assert.Equal("InvalidArgument", error["Code"]!.GetValue<string>());
        Assert.Contains("X-Fc-Control-Path", error["Message"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(cloud.Probe.Calls("/invoke"), c => c["headers"]!["x-fc-control-path"]!.GetValue<string>() == "/http-invoke");
    }

    [Fact]
    public async Task Timer_Enabled_InvokesWithFcTimerEvent()
    {
        await using var cloud = await ProbeCloud.StartAsync(new Dictionary<string, string> { ["PROBE_TIMER"] = "true" }, o => o with { TimerInterval = TimeSpan.FromSeconds(1) }, Timeout());

        var call = Invocations(await cloud.Probe.WaitForAsync(c => Invocations(c).Count >= 1, Wait))[0];

        var timerEvent = Event(call);
        Assert.Equal("tick", timerEvent["triggerName"]!.GetValue<string>());
        Assert.Equal("{\"sweep\":true}", timerEvent["payload"]!.GetValue<string>());
        Assert.EndsWith("Z", timerEvent["triggerTime"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadyDocument_RunningCloud_NamesEveryEndpointAndTheRunsCredentials()
    {
        await using var cloud = await ProbeCloud.StartAsync(cancellationToken: Timeout());

        var ready = cloud.Cloud.ReadyDocument();

        foreach (var field in new[] { "ossEndpoint", "apiBase", "bucket", "region", "accessKeyId", "accessKeySecret", "token" })
        {
            Assert.False(string.IsNullOrEmpty(ready[field]?.GetValue<string>()), field);
        }

        Assert.StartsWith("http://127.0.0.1:", ready["ossEndpoint"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("probe-bucket", ready["bucket"]!.GetValue<string>());
        await using var other = await ProbeCloud.StartAsync(cancellationToken: Timeout());
        Assert.NotEqual(ready["accessKeySecret"]!.GetValue<string>(), other.Cloud.ReadyDocument()["accessKeySecret"]!.GetValue<string>());
    }

    private static async Task<string> ReceiveAsync(ProbeCloud cloud, string queue)
    {
        var deadline = DateTimeOffset.UtcNow + Wait;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (await cloud.Mns.ReceiveMessageAsync(queue, 1, Timeout()) is { } message)
            {
                return message.MessageBody;
            }
        }

        throw new TimeoutException($"nothing arrived on {queue}");
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTimeOffset.UtcNow + Wait;
        while (!condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "condition not met in time");
            await Task.Delay(50);
        }
    }
}
