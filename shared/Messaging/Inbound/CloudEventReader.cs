using System.Text.Json;
using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Messages;

namespace Orchestrator.Messaging.Inbound;

/// <summary>
/// One EventBridge CloudEvent (<c>specversion</c> 1.0): from an MNS queue source (<c>type</c>
/// <c>mns:Queue:SendMessage</c>, the envelope in <c>data.messageBody</c>) or from OSS (<c>type</c>
/// <c>oss:ObjectCreated:*</c>, the OSS record in <c>data</c>).
/// </summary>
internal static class CloudEventReader
{
    private const string Code = "MalformedCloudEvent";

    public static IMessage Read(JsonElement cloudEvent, string where)
    {
        var type = Json.String(cloudEvent, "type", Code, where);
        var data = Json.Object(cloudEvent, "data", Code, where);
        if (type.StartsWith("mns:Queue:", StringComparison.Ordinal))
        {
            return MessageBodyReader.Read(Json.String(data, "messageBody", Code, where + ".data"), where + ".data.messageBody");
        }

        if (type.StartsWith("oss:", StringComparison.Ordinal))
        {
            return OssEventReader.Read(data, where + ".data");
        }

        throw new InvalidEventException("UnsupportedEventType", $"{where}: CloudEvent type \"{type}\" is neither an MNS queue message nor an OSS event.");
    }
}
