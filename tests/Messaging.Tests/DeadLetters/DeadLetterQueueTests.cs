using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Messaging.DeadLetters;
using Orchestrator.Messaging.Mns;
using Orchestrator.Messaging.Outbound;
using Orchestrator.Messaging.Tests.Support;
using Orchestrator.Messaging.Wire;
using Orchestrator.Tools.DevCloud.Mns;

namespace Orchestrator.Messaging.Tests.DeadLetters;

/// <summary>The dead-letter queue over the local MNS service: listing takes nothing, a replay loses nothing.</summary>
public class DeadLetterQueueTests
{
    private const string DeadLetterQueueName = "dead-letter";

    [Fact]
    public async Task ListAsync_DeadLetters_ShowsThemWithoutTakingThem()
    {
        await using var mns = await StartAsync();
        using var cts = Timeouts.Test();
        var client = mns.Client();
        await client.SendMessageAsync(DeadLetterQueueName, DeadLetterBodies.EventBridge("fetch", Fetch(1)), TimeSpan.Zero, cts.Token);
        await client.SendMessageAsync(DeadLetterQueueName, "garbage", TimeSpan.Zero, cts.Token);
        var queue = Queue(mns);

        var first = await queue.ListAsync(cts.Token);
        var second = await queue.ListAsync(cts.Token);

        Assert.Equal(first.Messages, second.Messages);
        Assert.False(first.More);
        Assert.Equal(2, first.Messages.Count);
        var fetch = first.Messages[0];
        Assert.Equal(("fetch", "FetchRequested", "job-1", "fetch-1", true), (fetch.Queue, fetch.Type, fetch.JobId, fetch.MessageId, fetch.Replayable));
        var garbage = first.Messages[1];
        Assert.False(garbage.Replayable);
        Assert.NotNull(garbage.ReplayProblem);
        Assert.Null(garbage.Queue);
        // Still there, never received.
        Assert.All(await client.PeekMessagesAsync(DeadLetterQueueName, 16, cts.Token), m => Assert.Equal(0, m.DequeueCount));
    }

    [Fact]
    public async Task ListAsync_MoreThanSixteen_ShowsTheHeadAndSaysMore()
    {
        await using var mns = await StartAsync();
        using var cts = Timeouts.Test();
        await FillAsync(mns, 17, cts.Token);

        var list = await Queue(mns).ListAsync(cts.Token);

        Assert.Equal(16, list.Messages.Count);
        Assert.True(list.More);
    }

    [Fact]
    public async Task ReplayAsync_ByIdBehindMoreThanABatch_SendsTheOriginalBodyToItsQueueAndTheRestStay()
    {
        await using var mns = await StartAsync();
        using var cts = Timeouts.Test();
        var ids = await FillAsync(mns, 20, cts.Token);
        var client = mns.Client();

        var replayed = await Queue(mns).ReplayAsync(ids[18], cts.Token);

        Assert.Equal((ids[18], "job-18"), (replayed.Id, replayed.JobId));
        var resent = Assert.Single(await client.PeekMessagesAsync("fetch", 16, cts.Token));
        Assert.Equal(EnvelopeSerializer.Serialize(Fetch(18)), resent.MessageBody);
        Assert.Equal(19, mns.Server.Find(DeadLetterQueueName)!.Count);
        // The 19 others were received while looking and are visible again within a second.
        var visible = await ReceiveAllWithinAsync(client, 19, cts.Token);
        Assert.Equal(ids.Where((_, i) => i != 18).Order(), visible.Order());
    }

    [Fact]
    public async Task ReplayAsync_UnknownId_DeadLetterNotFoundAndNothingLost()
    {
        await using var mns = await StartAsync();
        using var cts = Timeouts.Test();
        var ids = await FillAsync(mns, 3, cts.Token);

        var error = await Assert.ThrowsAsync<OrchestratorException>(() => Queue(mns).ReplayAsync("ABCDEF", cts.Token));

        Assert.Equal("DeadLetterNotFound", error.Code);
        Assert.Equal(ids.Order(), (await PeekWithinAsync(mns.Client(), 3, cts.Token)).Order());
        Assert.Empty(await mns.Client().PeekMessagesAsync("fetch", 16, cts.Token));
    }

    [Theory]
    [InlineData("elsewhere")]
    [InlineData(null)]
    public async Task ReplayAsync_QueueNotOneOfOurs_NotReplayableAndKept(string? queue)
    {
        await using var mns = await StartAsync();
        using var cts = Timeouts.Test();
        var body = queue is null ? EnvelopeSerializer.Serialize(Fetch(1)) : DeadLetterBodies.EventBridge(queue, Fetch(1));
        var sent = await mns.Client().SendMessageAsync(DeadLetterQueueName, body, TimeSpan.Zero, cts.Token);

        var error = await Assert.ThrowsAsync<OrchestratorException>(() => Queue(mns).ReplayAsync(sent.MessageId, cts.Token));

        Assert.Equal("NotReplayable", error.Code);
        Assert.Equal([sent.MessageId], await PeekWithinAsync(mns.Client(), 1, cts.Token));
    }

    [Fact]
    public async Task ReplayAllAsync_MixedDeadLetters_ReplaysWhatItCanToEachQueueAndLeavesTheRest()
    {
        await using var mns = await StartAsync();
        using var cts = Timeouts.Test();
        var client = mns.Client();
        var report = new StageSucceeded("ok-1", "job-2", StageName.Build, 1, new Dictionary<string, string>());
        var build = new BuildRequested("build-1", "job-3", "blog", 1, new Dictionary<string, string>());
        await client.SendMessageAsync(DeadLetterQueueName, DeadLetterBodies.EventBridge("fetch", Fetch(1)), TimeSpan.Zero, cts.Token);
        var garbage = await client.SendMessageAsync(DeadLetterQueueName, "{}", TimeSpan.Zero, cts.Token);
        await client.SendMessageAsync(DeadLetterQueueName, DeadLetterBodies.EventBridge("coordinator", report), TimeSpan.Zero, cts.Token);
        await client.SendMessageAsync(DeadLetterQueueName, DeadLetterBodies.FcRecord("build-function", DeadLetterBodies.EventBridge("build", build)), TimeSpan.Zero, cts.Token);

        var replay = await Queue(mns).ReplayAllAsync(cts.Token);

        Assert.Equal(["fetch-1", "ok-1", "build-1"], replay.Replayed.Select(r => r.MessageId));
        Assert.Equal([garbage.MessageId], replay.Skipped.Select(s => s.Id));
        Assert.False(replay.More);
        Assert.Equal(EnvelopeSerializer.Serialize(report), Assert.Single(await client.PeekMessagesAsync("coordinator", 16, cts.Token)).MessageBody);
        Assert.Equal(EnvelopeSerializer.Serialize(build), Assert.Single(await client.PeekMessagesAsync("build", 16, cts.Token)).MessageBody);
        Assert.Single(await client.PeekMessagesAsync("fetch", 16, cts.Token));
        Assert.Equal([garbage.MessageId], await PeekWithinAsync(client, 1, cts.Token));
    }

    [Fact]
    public async Task ReplayAllAsync_MoreThanOneCallReplays_StopsAtTheBoundAndSaysMore()
    {
        await using var mns = await StartAsync();
        using var cts = Timeouts.Test();
        await FillAsync(mns, DeadLetterQueue.MaxReplayedPerCall + 5, cts.Token);
        var queue = Queue(mns);

        var first = await queue.ReplayAllAsync(cts.Token);
        await PeekWithinAsync(mns.Client(), 5, cts.Token);
        var second = await queue.ReplayAllAsync(cts.Token);

        Assert.Equal((DeadLetterQueue.MaxReplayedPerCall, true), (first.Replayed.Count, first.More));
        Assert.Equal((5, false), (second.Replayed.Count, second.More));
        Assert.Equal(0, mns.Server.Find(DeadLetterQueueName)!.Count);
        Assert.Equal(DeadLetterQueue.MaxReplayedPerCall + 5, mns.Server.Find("fetch")!.Count);
    }

    [Fact]
    public async Task ListAsync_NoDeadLetterQueueSetting_SaysWhichSetting()
    {
        await using var mns = await StartAsync();
        using var cts = Timeouts.Test();
        var queue = new DeadLetterQueue(mns.Client(), Options.Create(Settings(mns, deadLetter: null)), NullLogger<DeadLetterQueue>.Instance);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => queue.ListAsync(cts.Token));

        Assert.Null(queue.QueueName);
        Assert.Contains("Mns__Queues__DeadLetter", error.Message, StringComparison.Ordinal);
    }

    private static FetchRequested Fetch(int n) =>
        new($"fetch-{n}", $"job-{n}", "blog", 1, new SourceObject("bucket", $"src/blog/{n}.zip", "E" + n, 10));

    private static async Task<MnsHarness> StartAsync()
    {
        var mns = await MnsHarness.StartAsync();
        mns.Server.CreateQueue(new MnsQueueSettings { Name = DeadLetterQueueName, VisibilityTimeoutSeconds = 30 });
        return mns;
    }

    private static DeadLetterQueue Queue(MnsHarness mns) =>
        new(mns.Client(), Options.Create(Settings(mns, DeadLetterQueueName)), NullLogger<DeadLetterQueue>.Instance);

    private static MessagingOptions Settings(MnsHarness mns, string? deadLetter) => new()
    {
        Endpoint = mns.Server.Endpoint.ToString(),
        Queues = new QueueNames { Coordinator = "coordinator", Fetch = "fetch", Build = "build", Publish = "publish", DeadLetter = deadLetter },
    };

    // n dead-lettered fetch requests, in order; answers their ids in the dead-letter queue.
    private static async Task<List<string>> FillAsync(MnsHarness mns, int n, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        for (var i = 0; i < n; i++)
        {
            var sent = await mns.Client().SendMessageAsync(DeadLetterQueueName, DeadLetterBodies.EventBridge("fetch", Fetch(i)), TimeSpan.Zero, cancellationToken);
            ids.Add(sent.MessageId);
        }

        return ids;
    }

    // Released messages come back after ChangeMessageVisibility's one second: poll, bounded by the test's token.
    private static async Task<List<string>> PeekWithinAsync(MnsClient client, int expected, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (true)
        {
            var visible = await client.PeekMessagesAsync(DeadLetterQueueName, 16, cancellationToken);
            if (visible.Count >= expected)
            {
                return [.. visible.Select(m => m.MessageId)];
            }

            await timer.WaitForNextTickAsync(cancellationToken);
        }
    }

    // More than a peek shows: take them all (the test ends here), waiting for released ones to come back.
    private static async Task<List<string>> ReceiveAllWithinAsync(MnsClient client, int expected, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (ids.Count < expected)
        {
            foreach (var message in await client.ReceiveMessagesAsync(DeadLetterQueueName, 16, 1, cancellationToken))
            {
                ids.Add(message.MessageId);
            }
        }

        return [.. ids];
    }
}
