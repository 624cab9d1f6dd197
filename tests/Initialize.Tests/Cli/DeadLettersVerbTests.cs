using System.Text.Json;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Contracts.Status;
using Orchestrator.Functions.Initialize.Tests.Support;

namespace Orchestrator.Functions.Initialize.Tests.Cli;

/// <summary>`orchestrator dead-letters` as a real process against the status API over the local MNS service.</summary>
public sealed class DeadLettersVerbTests : DeadLetterApiTestBase
{
    private static readonly FetchRequested Fetch = new("fetch-c1", "job-c1", "blog", 1, new SourceObject("jobs-bucket", "src/blog/a.zip", "E1", 10));
    private static readonly StageFailed Report = new("report-c2", "job-c2", StageName.Publish, 1, new StageError("UploadFailed", "boom", Retryable: true));

    private Dictionary<string, string?> Env(string? token = ApiHost.OpsToken) => new()
    {
        ["ORCHESTRATOR_API"] = Host.BaseAddress.ToString(),
        ["ORCHESTRATOR_TOKEN"] = token,
    };

    [Fact]
    public async Task DeadLetters_Listed_ShowsIdQueueTypeJobAndReasonAndJsonOnRequest()
    {
        var fetchId = await DeadLetterAsync("orchestrator-fetch", Fetch);
        var reportId = await DeadLetterAsync("orchestrator-coordinator", Report);

        var table = await CliProcess.RunAsync(Env(), Timeout, "dead-letters");
        var json = await CliProcess.RunAsync(Env(), Timeout, "dead-letters", "--json");

        Assert.Equal(0, table.Exit);
        var fetchLine = table.Stdout.Split('\n').Single(l => l.StartsWith(fetchId, StringComparison.Ordinal));
        Assert.Contains("orchestrator-fetch", fetchLine, StringComparison.Ordinal);
        Assert.Contains("FetchRequested", fetchLine, StringComparison.Ordinal);
        Assert.Contains("job-c1", fetchLine, StringComparison.Ordinal);
        Assert.Contains("reason: unknown: EventBridge", table.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, json.Exit);
        var list = JsonSerializer.Deserialize(json.Stdout.Trim(), StatusJsonContext.Default.DeadLetterList);
        Assert.Equal([fetchId, reportId], list!.Messages.Select(m => m.Id));
    }

    [Fact]
    public async Task DeadLetters_Replay_SendsItAgainAndItLeavesTheDeadLetterQueue()
    {
        var id = await DeadLetterAsync("orchestrator-fetch", Fetch);
        var kept = await DeadLetterAsync("orchestrator-coordinator", Report);

        var result = await CliProcess.RunAsync(Env(), Timeout, "dead-letters", "--replay", id);
        var after = await CliProcess.RunAsync(Env(), Timeout, "dead-letters", "--json");

        Assert.Equal(0, result.Exit);
        Assert.Contains($"replayed {id}: FetchRequested of job job-c1 sent again to orchestrator-fetch", result.Stdout, StringComparison.Ordinal);
        Assert.Single(await Queues.PeekMessagesAsync("orchestrator-fetch", 16, Timeout));
        var list = JsonSerializer.Deserialize(after.Stdout.Trim(), StatusJsonContext.Default.DeadLetterList);
        Assert.DoesNotContain(id, list!.Messages.Select(m => m.Id));
        // The other dead letter was looked through, not lost: it is visible again within a second.
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while ((await Queues.PeekMessagesAsync(DeadLetterQueue, 16, Timeout)).All(m => m.MessageId != kept))
        {
            await timer.WaitForNextTickAsync(Timeout);
        }
    }

    [Fact]
    public async Task DeadLetters_ReplayAll_ReplaysEveryOneThatCanBeAndSaysWhatItLeft()
    {
        await DeadLetterAsync("orchestrator-fetch", Fetch);
        await DeadLetterAsync("orchestrator-coordinator", Report);
        var odd = await PutDeadLetterAsync("not json");

        var result = await CliProcess.RunAsync(Env(), Timeout, "dead-letters", "--replay-all");

        Assert.Equal(0, result.Exit);
        Assert.Contains("2 replayed, 1 left", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"left {odd} in the dead-letter queue:", result.Stdout, StringComparison.Ordinal);
        Assert.Single(await Queues.PeekMessagesAsync("orchestrator-fetch", 16, Timeout));
        Assert.Single(await Queues.PeekMessagesAsync("orchestrator-coordinator", 16, Timeout));
    }

    [Fact]
    public async Task DeadLetters_ReplayUnknownId_OneErrorLineAndExit1()
    {
        var result = await CliProcess.RunAsync(Env(), Timeout, "dead-letters", "--replay", "0123456789ABCDEF");

        Assert.Equal(1, result.Exit);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: DeadLetterNotFound:", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeadLetters_NoToken_OneErrorLineSayingWhatIsNeeded()
    {
        var result = await CliProcess.RunAsync(Env(token: null), Timeout, "dead-letters");

        Assert.Equal(1, result.Exit);
        Assert.StartsWith("error: Unauthorized:", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeadLetters_ReplayAndReplayAllTogether_UsageError()
    {
        var id = await DeadLetterAsync("orchestrator-fetch", Fetch);

        var result = await CliProcess.RunAsync(Env(), Timeout, "dead-letters", "--replay", id, "--replay-all");

        Assert.Equal(2, result.Exit);
        Assert.Contains("either --replay ID or --replay-all", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, Mns.Find(DeadLetterQueue)!.Count);
    }
}
