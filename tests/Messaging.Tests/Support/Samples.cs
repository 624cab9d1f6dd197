using System.Text;
using System.Text.Json.Nodes;

namespace Orchestrator.Messaging.Tests.Support;

/// <summary>The reference event samples copied into Samples/ (see Samples/README.md).</summary>
public static class Samples
{
    public static JsonNode Load(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", name)))!;

    /// <summary>The EventBridge MNS-queue sample with <paramref name="messageBody"/> in <c>data.messageBody</c>.</summary>
    public static JsonNode MnsCloudEvent(string messageBody)
    {
        var cloudEvent = Load("eventbridge-mns-queue.json");
        cloudEvent["data"]!["messageBody"] = messageBody;
        return cloudEvent;
    }

    public static ReadOnlyMemory<byte> Bytes(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    public static ReadOnlyMemory<byte> Bytes(string json) => Encoding.UTF8.GetBytes(json);
}
