using System.Text;
using System.Text.Json.Nodes;
using Orchestrator.Contracts.Messages;
using Orchestrator.Messaging.Mns;
using Orchestrator.Messaging.Wire;
using Orchestrator.Tools.DevCloud.Config;
using Orchestrator.Tools.DevCloud.EventBridge;

namespace Orchestrator.Messaging.Tests.Support;

/// <summary>
/// What reaches a dead-letter queue: the event the dev cloud's EventBridge pump could not deliver (built by the
/// pump's own <see cref="CloudEventBatch"/>), and the record FC sends to an async invocation's onFailure destination.
/// </summary>
public static class DeadLetterBodies
{
    private static readonly DateTimeOffset At = new(2026, 11, 21, 1, 2, 3, TimeSpan.Zero);

    /// <summary>The CloudEvents batch for <paramref name="messages"/> taken from <paramref name="queue"/>.</summary>
    public static string EventBridge(string queue, params IMessage[] messages) =>
        Encoding.UTF8.GetString(CloudEventBatch.Create(
            new QueueTriggerSpec(queue + "-trigger", queue, "MNS-function-" + queue, false, false, 3, "BACKOFF_RETRY", "dead-letter", 1),
            "cn-hangzhou",
            "1234567890123456",
            messages.Select(m => new MnsReceivedMessage("MSG" + m.MessageId, "1-handle", EnvelopeSerializer.Serialize(m), "MD5", At, At, At, 4, 8)),
            At));

    /// <summary>FC's onFailure record for an async invocation of <paramref name="function"/> with <paramref name="payload"/>.</summary>
    public static string FcRecord(string function, string payload, string condition = "RetryAttemptsExceeded", int invokeCount = 3, int status = 404, string error = "UnhandledInvocationError") =>
        new JsonObject
        {
            ["timestamp"] = At.ToUnixTimeMilliseconds(),
            ["requestContext"] = new JsonObject
            {
                ["requestId"] = "req-1",
                ["functionArn"] = $"acs:fc:cn-hangzhou:1234567890123456:functions/{function}",
                ["condition"] = condition,
                ["approximateInvokeCount"] = invokeCount,
            },
            ["requestPayload"] = payload,
            ["responseContext"] = new JsonObject { ["statusCode"] = status, ["functionError"] = error },
            ["responsePayload"] = "{\"error\":\"secret stack trace\"}",
        }.ToJsonString();
}
