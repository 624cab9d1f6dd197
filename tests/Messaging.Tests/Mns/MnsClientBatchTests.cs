using System.Globalization;
using Orchestrator.Messaging.Mns;
using Orchestrator.Messaging.Tests.Support;

namespace Orchestrator.Messaging.Tests.Mns;

/// <summary>BatchPeekMessage and BatchReceiveMessage through the real client against the local MNS service.</summary>
public class MnsClientBatchTests
{
    [Fact]
    public async Task PeekMessagesAsync_VisibleMessages_ShownInOrderAndLeftAsTheyWere()
    {
        await using var mns = await MnsHarness.StartAsync();
        using var cts = Timeouts.Test();
        var client = mns.Client();
        var sent = new List<MnsSendResult>();
        foreach (var body in new[] { "first <&>", "second", "third" })
        {
            sent.Add(await client.SendMessageAsync("fetch", body, TimeSpan.Zero, cts.Token));
        }

        var peeked = await client.PeekMessagesAsync("fetch", MnsLimits.MaxBatchMessages, cts.Token);
        var again = await client.PeekMessagesAsync("fetch", MnsLimits.MaxBatchMessages, cts.Token);
        var received = await client.ReceiveMessageAsync("fetch", 0, cts.Token);

        Assert.Equal(sent.Select(s => s.MessageId), peeked.Select(p => p.MessageId));
        Assert.Equal(["first <&>", "second", "third"], peeked.Select(p => p.MessageBody));
        Assert.Equal(sent.Select(s => s.MessageBodyMd5), peeked.Select(p => p.MessageBodyMd5));
        Assert.All(peeked, p => Assert.Equal((0, p.EnqueueTime, 8), (p.DequeueCount, p.FirstDequeueTime, p.Priority)));
        Assert.Equal(peeked, again);
        // Peeking took nothing: the first message is still the next one, delivered for the first time.
        Assert.Equal((sent[0].MessageId, 1), (received!.MessageId, received.DequeueCount));
    }

    [Fact]
    public async Task PeekMessagesAsync_ReceivedOrDelayedMessages_NotShown()
    {
        await using var mns = await MnsHarness.StartAsync();
        using var cts = Timeouts.Test();
        var client = mns.Client();
        await client.SendMessageAsync("build", "taken", TimeSpan.Zero, cts.Token);
        var later = await client.SendMessageAsync("build", "later", TimeSpan.FromSeconds(60), cts.Token);
        var visible = await client.SendMessageAsync("build", "visible", TimeSpan.Zero, cts.Token);
        await client.ReceiveMessageAsync("build", 0, cts.Token);

        var peeked = await client.PeekMessagesAsync("build", 16, cts.Token);

        Assert.Equal([visible.MessageId], peeked.Select(p => p.MessageId));
        Assert.DoesNotContain(later.MessageId, peeked.Select(p => p.MessageId));
        Assert.Equal(3, mns.Server.Find("build")!.Count);
    }

    [Fact]
    public async Task PeekMessagesAsync_MoreThanCount_ShowsTheHeadOnly()
    {
        await using var mns = await MnsHarness.StartAsync();
        using var cts = Timeouts.Test();
        var client = mns.Client();
        for (var i = 0; i < 20; i++)
        {
            await client.SendMessageAsync("publish", "m" + i.ToString("D2", CultureInfo.InvariantCulture), TimeSpan.Zero, cts.Token);
        }

        var head = await client.PeekMessagesAsync("publish", 16, cts.Token);
        var three = await client.PeekMessagesAsync("publish", 3, cts.Token);

        Assert.Equal(Enumerable.Range(0, 16).Select(i => "m" + i.ToString("D2", CultureInfo.InvariantCulture)), head.Select(p => p.MessageBody));
        Assert.Equal(["m00", "m01", "m02"], three.Select(p => p.MessageBody));
    }

    [Fact]
    public async Task PeekMessagesAsync_EmptyQueue_ReturnsEmpty()
    {
        await using var mns = await MnsHarness.StartAsync();
        using var cts = Timeouts.Test();

        Assert.Empty(await mns.Client().PeekMessagesAsync("coordinator", 16, cts.Token));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    public async Task PeekAndReceiveMessagesAsync_CountOutsideOneToSixteen_RefusedBeforeSending(int count)
    {
        await using var mns = await MnsHarness.StartAsync();
        using var cts = Timeouts.Test();
        var client = mns.Client();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.PeekMessagesAsync("fetch", count, cts.Token));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.ReceiveMessagesAsync("fetch", count, 0, cts.Token));
    }

    [Fact]
    public async Task PeekMessagesAsync_UnknownQueue_QueueNotExist()
    {
        await using var mns = await MnsHarness.StartAsync();
        using var cts = Timeouts.Test();

        var error = await Assert.ThrowsAsync<MnsException>(() => mns.Client().PeekMessagesAsync("nowhere", 16, cts.Token));

        Assert.Equal("QueueNotExist", error.Code);
    }

    [Fact]
    public async Task ReceiveMessagesAsync_Batch_TakesUpToCountEachWithItsOwnHandle()
    {
        await using var mns = await MnsHarness.StartAsync();
        using var cts = Timeouts.Test();
        var client = mns.Client();
        for (var i = 0; i < 5; i++)
        {
            await client.SendMessageAsync("fetch", "b" + i.ToString(CultureInfo.InvariantCulture), TimeSpan.Zero, cts.Token);
        }

        var taken = await client.ReceiveMessagesAsync("fetch", 3, 0, cts.Token);
        var left = await client.PeekMessagesAsync("fetch", 16, cts.Token);
        await client.DeleteMessageAsync("fetch", taken[1].ReceiptHandle, cts.Token);

        Assert.Equal(["b0", "b1", "b2"], taken.Select(m => m.MessageBody));
        Assert.All(taken, m => Assert.Equal(1, m.DequeueCount));
        Assert.Equal(3, taken.Select(m => m.ReceiptHandle).Distinct().Count());
        Assert.Equal(["b3", "b4"], left.Select(m => m.MessageBody));
        Assert.Equal(4, mns.Server.Find("fetch")!.Count);
    }

    [Fact]
    public async Task ReceiveMessagesAsync_EmptyQueueWithWait_WakesWhenMessageSent()
    {
        await using var mns = await MnsHarness.StartAsync();
        using var cts = Timeouts.Test();
        var client = mns.Client();

        var polling = client.ReceiveMessagesAsync("coordinator", 16, 20, cts.Token);
        await client.SendMessageAsync("coordinator", "wake", TimeSpan.Zero, cts.Token);
        var received = await polling.WaitAsync(cts.Token);

        Assert.Equal("wake", Assert.Single(received).MessageBody);
        Assert.Empty(await client.ReceiveMessagesAsync("coordinator", 16, 0, cts.Token));
    }
}
