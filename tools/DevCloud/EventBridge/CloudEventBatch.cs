using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Orchestrator.Messaging.Mns;
using Orchestrator.Tools.DevCloud.Config;

namespace Orchestrator.Tools.DevCloud.EventBridge;

/// <summary>
/// The CloudEvents 1.0 batch EventBridge POSTs to a function for MNS queue messages
/// (<c>type: mns:Queue:SendMessage</c>, the <c>aliyun*</c> extensions, <c>data: {requestId, messageId, messageBody}</c>).
/// </summary>
public static class CloudEventBatch
{
    public static byte[] Create(QueueTriggerSpec trigger, string region, string accountId, IEnumerable<MnsReceivedMessage> messages, DateTimeOffset now)
    {
        var time = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var batch = new JsonArray(messages.Select(message => (JsonNode)new JsonObject
        {
            ["id"] = Guid.NewGuid().ToString(),
            ["source"] = trigger.EventSource,
            ["specversion"] = "1.0",
            ["type"] = "mns:Queue:SendMessage",
            ["datacontenttype"] = "application/json; charset=utf-8",
            ["subject"] = $"acs:mns:{region}:{accountId}:queues/{trigger.QueueName}",
            ["time"] = time,
            ["aliyunaccountid"] = accountId,
            ["aliyunpublishtime"] = time,
            ["aliyunoriginalaccountid"] = accountId,
            ["aliyuneventbusname"] = trigger.EventSource,
            ["aliyunregionid"] = region,
            ["aliyunpublishaddr"] = "127.0.0.1",
            ["data"] = new JsonObject
            {
                ["requestId"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(12)),
                ["messageId"] = message.MessageId,
                ["messageBody"] = trigger.Base64Decode ? Decode(message.MessageBody) : message.MessageBody,
            },
        }).ToArray());
        return Encoding.UTF8.GetBytes(batch.ToJsonString());
    }

    // IsBase64Decode: EventBridge decodes a base64 body before delivery; a body that is not base64 passes unchanged.
    private static string Decode(string body)
    {
        var buffer = new byte[body.Length];
        return Convert.TryFromBase64String(body, buffer, out var written) ? Encoding.UTF8.GetString(buffer, 0, written) : body;
    }
}
