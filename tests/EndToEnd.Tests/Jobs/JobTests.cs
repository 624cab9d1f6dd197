using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace Orchestrator.EndToEnd.Tests.Jobs;

/// <summary>Real jobs over the dev cloud: the real functions, queues, triggers and OSS, from the repository's s.yaml.</summary>
public class JobTests
{
    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(150)).Token;

    private static string State(JsonNode job) => job["state"]!.GetValue<string>();

    private static IEnumerable<JsonObject> Stages(JsonNode job) => job["stages"]!.AsArray().OfType<JsonObject>();

    [Fact]
    public async Task Upload_HelloSite_JobSucceedsAndTheSiteIsServed()
    {
        await using var system = await SystemCloud.StartAsync(null, Timeout());

        var job = await system.RunJobAsync("hello", Timeout());

        Assert.True(State(job) == "Succeeded", job.ToJsonString());
        Assert.All(Stages(job), stage => Assert.Equal("Succeeded", stage["state"]!.GetValue<string>()));
        using var http = new HttpClient();
        using var page = await http.GetAsync(system.Cloud.SiteUrl("hello"), Timeout());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<html", await page.Content.ReadAsStringAsync(Timeout()), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Publish_InstanceKilledMidInvocation_JobStillSucceedsAndPublishesOnce()
    {
        await using var system = await SystemCloud.StartAsync(null, Timeout());
        var publish = system.Cloud.Pool("publish");
        var killed = 0;
        publish.InvocationStarted += (instance, requestId) =>
        {
            if (Interlocked.Exchange(ref killed, 1) == 0 && instance.ProcessId is { } pid)
            {
                // Kill once the function has logged the start of this invocation: mid-invocation, not before it.
                _ = Task.Run(async () =>
                {
                    var until = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(20);
                    while (!system.FunctionLog("orchestrator-publish").Contains(requestId, StringComparison.Ordinal) && DateTimeOffset.UtcNow < until)
                    {
                        await Task.Delay(20);
                    }

                    Process.GetProcessById(pid).Kill();
                });
            }
        };

        var job = await system.RunJobAsync("killed", Timeout());

        Assert.True(State(job) == "Succeeded", job.ToJsonString());
        Assert.Equal(1, killed);
        Assert.True(publish.ProcessStarts > publish.InstancesStarted, "the killed Publish instance was not restarted");
        var history = await system.HistoryAsync(job["jobId"]!.GetValue<string>(), Timeout());
        Assert.Single(history, entry => entry!["to"]?.ToString() == "Succeeded");
        var releases = await system.Oss.ListAsync(system.Cloud.Bucket, new Orchestrator.Storage.ListRequest { Prefix = "releases/killed/" + job["jobId"] }, Timeout());
        Assert.Single(releases.Objects);
    }

    [Fact]
    public async Task EveryMessage_DeliveredTwice_JobSucceedsWithOneTransitionPerStep()
    {
        var queues = new HashSet<string>(StringComparer.Ordinal) { "orchestrator-coordinator", "orchestrator-fetch", "orchestrator-build", "orchestrator-publish" };
        await using var system = await SystemCloud.StartAsync(o => o with { Pumps = o.Pumps with { DuplicateDeliveryQueues = queues } }, Timeout());

        var job = await system.RunJobAsync("twice", Timeout());

        Assert.True(State(job) == "Succeeded", job.ToJsonString());
        Assert.All(Stages(job), stage => Assert.Equal(1, stage["attempt"]!.GetValue<int>()));
        var history = await system.HistoryAsync(job["jobId"]!.GetValue<string>(), Timeout());
        foreach (var state in new[] { "Fetching", "Building", "Publishing", "Succeeded" })
        {
            Assert.Single(history, entry => entry!["to"]?.ToString() == state);
        }
    }

    [Fact]
    public async Task Fetch_CannotReport_ReportDeadLetteredAndTheJobGoesOnFromTheStoredResult()
    {
        // Fetch cannot reach MNS to report, so every invocation fails (x-fc-status: 404) after storing its outcome: the
        // request is redelivered, each time re-sending the stored outcome without running the stage, and dead-lettered.
        // The coordinator applies the stored outcome on its own (SystemCloud.FetchCannotReport).
        await using var system = await SystemCloud.StartAsync(o => o with { FunctionEnvironment = SystemCloud.FetchCannotReport }, Timeout());

        var job = await system.RunJobAsync("unreported", Timeout());

        Assert.True(State(job) == "Succeeded", job.ToJsonString());
        var fetch = Stages(job).Single(s => s["name"]!.GetValue<string>() == "fetch");
        Assert.Equal(1, fetch["attempt"]!.GetValue<int>());
        var history = await system.HistoryAsync(job["jobId"]!.GetValue<string>(), Timeout());
        Assert.DoesNotContain(history, entry => entry!["event"]?.ToString() == "StageTimedOut");
        var deadLetters = system.Cloud.Mns.Find("orchestrator-dead-letter")!;
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        while (deadLetters.Count == 0 && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(1, deadLetters.Count);
        var log = system.FunctionLog("orchestrator-fetch").Split('\n');
        Assert.Equal(4, log.Count(line => line.Contains("FC Invoke Start", StringComparison.Ordinal))); // MaximumRetryAttempts: 3 in s.yaml → four deliveries, then the dead-letter queue
        Assert.Single(log, line => line.Contains("attempt 1: succeeded", StringComparison.Ordinal));
        Assert.Equal(3, log.Count(line => line.Contains("re-sending report", StringComparison.Ordinal)));
    }
}
