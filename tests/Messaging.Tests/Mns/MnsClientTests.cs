using System.Net;
using Orchestrator.Contracts.Security;
using Orchestrator.Messaging.Mns;
using Orchestrator.Messaging.Tests.Support;

namespace Orchestrator.Messaging.Tests.Mns;

public class MnsClientTests
{
    [Fact]
    public async Task SendMessageAsync_ThenReceive_ReturnsBodyWithIdsAndFirstDelivery()
    {
        await using var mns = await MnsHarness.StartAsync();
        using var cts = Timeouts.Test();
        var client = mns.Client();

        var sent = await client.SendMessageAsync("fetch", "{\"hello\":\"wörld\"} <&>", TimeSpan.Zero, cts.Token);
        var received = await client.ReceiveMessageAsync("fetch", 0, cts.Token);

        Assert.NotNull(received);
        Assert.Equal(sent.MessageId, received.MessageId);
        Assert.Equal("{\"hello\":\"wörld\"} <&>", received.MessageBody);
        Assert.Equal(sent.MessageBodyMd5, received.MessageBodyMd5);
        Assert.Equal(1, received.DequeueCount);
        Assert.Matches("^[0-9A-F]{32}$", sent.MessageId);
        Assert.True(received.NextVisibleTime > received.EnqueueTime);
        Assert.Empty(mns.Waits);
    }

    [Fact]
    public async Task ReceiveMessageAsync_EmptyQueue_ReturnsNull()
    {
        await using var mns = await MnsHarness.StartAsync();
        using var cts = Timeouts.Test();

        Assert.Null(await mns.Client().ReceiveMessageAsync("build", 0, cts.Token));
    }

    [Fact]
    public async Task SendMessageAsync_WithDelay_InvisibleUntilDelayThenDelivered()
    {
        await using var mns = await MnsHarness.StartAsync();
        using var cts = Timeouts.Test();
        var client = mns.Client();

        var sent = await client.SendMessageAsync("coordinator", "later", TimeSpan.FromSeconds(2), cts.Token);
        var early = await client.ReceiveMessageAsync("coordinator", 0, cts.Token);
        var late = await ReceiveWithinAsync(client, "coordinator", cts.Token);

        Assert.Null(early);
        Assert.NotNull(late);
        Assert.Equal(sent.MessageId, late.MessageId);
        Assert.True(late.FirstDequeueTime >= late.EnqueueTime.AddSeconds(2) - TimeSpan.FromMilliseconds(50), "delivered before its delay");
    }

    [Fact]
    public async Task ReceiveMessageAsync_NotDeletedWithinVisibilityTimeout_RedeliveredWithNewHandleAndCount()
    {
        await using var mns = await MnsHarness.StartAsync(visibilityTimeoutSeconds: 1);
        using var cts = Timeouts.Test();
        var client = mns.Client();
        await client.SendMessageAsync("publish", "again", TimeSpan.Zero, cts.Token);

        var first = await client.ReceiveMessageAsync("publish", 0, cts.Token);
        var hidden = await client.ReceiveMessageAsync("publish", 0, cts.Token);
        var second = await ReceiveWithinAsync(client, "publish", cts.Token);

        Assert.NotNull(first);
        Assert.Null(hidden);
        Assert.NotNull(second);
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(2, second.DequeueCount);
        Assert.Equal(first.FirstDequeueTime, second.FirstDequeueTime);
        Assert.NotEqual(first.ReceiptHandle, second.ReceiptHandle);
        var stale = await Assert.ThrowsAsync<MnsException>(() => client.DeleteMessageAsync("publish", first.ReceiptHandle, cts.Token));
        Assert.Equal("MessageNotExist", stale.Code);
        await client.DeleteMessageAsync("publish", second.ReceiptHandle, cts.Token);
    }

    [Fact]
    public async Task DeleteMessageAsync_ReceivedMessage_NeverDeliveredAgain()
    {
        await using var mns = await MnsHarness.StartAsync(visibilityTimeoutSeconds: 1);
        using var cts = Timeouts.Test();
        var client = mns.Client();
        await client.SendMessageAsync("fetch", "once", TimeSpan.Zero, cts.Token);
        var received = await client.ReceiveMessageAsync("fetch", 0, cts.Token);

        await client.DeleteMessageAsync("fetch", received!.ReceiptHandle, cts.Token);

        // Wait past the visibility timeout: a deleted message does not come back.
        Assert.Null(await client.ReceiveMessageAsync("fetch", 2, cts.Token));
        Assert.Equal(0, mns.Server.Find("fetch")!.Count);
    }

    [Fact]
    public async Task ChangeMessageVisibilityAsync_ToZero_MakesMessageVisibleAtOnce()
    {
        await using var mns = await MnsHarness.StartAsync();
        using var cts = Timeouts.Test();
        var client = mns.Client();
        await client.SendMessageAsync("build", "release me", TimeSpan.Zero, cts.Token);
        var received = await client.ReceiveMessageAsync("build", 0, cts.Token);

        var changed = await client.ChangeMessageVisibilityAsync("build", received!.ReceiptHandle, 0, cts.Token);
        var again = await ReceiveWithinAsync(client, "build", cts.Token);

        Assert.NotEqual(received.ReceiptHandle, changed.ReceiptHandle);
        Assert.Equal(received.MessageId, again!.MessageId);
        Assert.Equal(2, again.DequeueCount);
    }

    [Fact]
    public async Task ReceiveMessageAsync_LongPoll_WakesWhenMessageSent()
    {
        await using var mns = await MnsHarness.StartAsync();
        using var cts = Timeouts.Test();
        var client = mns.Client();

        var polling = client.ReceiveMessageAsync("coordinator", 20, cts.Token);
        await client.SendMessageAsync("coordinator", "wake up", TimeSpan.Zero, cts.Token);
        var received = await polling.WaitAsync(cts.Token);

        Assert.Equal("wake up", received!.MessageBody);
    }

    [Fact]
    public async Task SendMessageAsync_WrongSecret_SignatureDoesNotMatchWithoutRetry()
    {
        await using var mns = await MnsHarness.StartAsync();
        using var cts = Timeouts.Test();
        var client = mns.Client(mns.Server.Credentials with { AccessKeySecret = "not-the-secret" });

        var error = await Assert.ThrowsAsync<MnsException>(() => client.SendMessageAsync("fetch", "x", TimeSpan.Zero, cts.Token));

        Assert.Equal("SignatureDoesNotMatch", error.Code);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
        Assert.False(error.Retryable);
        Assert.Empty(mns.Waits);
        Assert.Equal(0, mns.Server.Find("fetch")!.Count);
    }

    [Fact]
    public async Task SendMessageAsync_UnknownAccessKey_InvalidAccessKeyId()
    {
        await using var mns = await MnsHarness.StartAsync();
        using var cts = Timeouts.Test();
        var client = mns.Client(new CloudCredentials("LTAIother", mns.Server.Credentials.AccessKeySecret, null));

        var error = await Assert.ThrowsAsync<MnsException>(() => client.SendMessageAsync("fetch", "x", TimeSpan.Zero, cts.Token));

        Assert.Equal("InvalidAccessKeyId", error.Code);
    }

    [Fact]
    public async Task SendMessageAsync_StsToken_SentAsSecurityTokenHeader()
    {
        await using var mns = await MnsHarness.StartAsync(securityToken: "sts-token");
        using var cts = Timeouts.Test();

        var withToken = await mns.Client().SendMessageAsync("fetch", "x", TimeSpan.Zero, cts.Token);
        var error = await Assert.ThrowsAsync<MnsException>(
            () => mns.Client(mns.Server.Credentials with { SecurityToken = null }).SendMessageAsync("fetch", "x", TimeSpan.Zero, cts.Token));

        Assert.NotEmpty(withToken.MessageId);
        Assert.Equal("InvalidSecurityToken", error.Code);
    }

    [Fact]
    public async Task SendMessageAsync_UnknownQueue_QueueNotExist()
    {
        await using var mns = await MnsHarness.StartAsync();
        using var cts = Timeouts.Test();

        var error = await Assert.ThrowsAsync<MnsException>(() => mns.Client().SendMessageAsync("nowhere", "x", TimeSpan.Zero, cts.Token));

        Assert.Equal("QueueNotExist", error.Code);
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task SendMessageAsync_DelayBeyondSevenDays_RefusedBeforeSending()
    {
        await using var mns = await MnsHarness.StartAsync();
        using var cts = Timeouts.Test();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => mns.Client().SendMessageAsync("fetch", "x", TimeSpan.FromSeconds(MnsLimits.MaxDelaySeconds + 1), cts.Token));
    }

    [Fact]
    public async Task SendMessageAsync_ConnectionRefused_RetriesThreeTimesThenThrows()
    {
        await using var mns = await MnsHarness.StartAsync();
        using var cts = Timeouts.Test();
        var closedPort = mns.Server.Endpoint;
        await mns.Server.DisposeAsync();

        await Assert.ThrowsAsync<HttpRequestException>(
            () => mns.Client(closedPort, mns.Server.Credentials).SendMessageAsync("fetch", "x", TimeSpan.Zero, cts.Token));

        Assert.Equal(2, mns.Waits.Count);
        Assert.All(mns.Waits, w => Assert.InRange(w, TimeSpan.Zero, TimeSpan.FromSeconds(20)));
    }

    private static async Task<MnsReceivedMessage?> ReceiveWithinAsync(MnsClient client, string queue, CancellationToken cancellationToken)
    {
        // Long polls bounded by the test's token; 5 s per poll is plenty for the 1–2 s delays used here.
        for (var i = 0; i < 3; i++)
        {
            if (await client.ReceiveMessageAsync(queue, 5, cancellationToken) is { } message)
            {
                return message;
            }
        }

        return null;
    }
}
