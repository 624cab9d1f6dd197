using System.Text.Json.Serialization;

namespace Orchestrator.Tools.DevCloud.Gateway;

/// <summary>The shape of FC's own error answers (<c>{"Code","Message","RequestId"}</c>), for what the gateway refuses as FC would.</summary>
internal sealed record FcError(
    [property: JsonPropertyName("Code")] string Code,
    [property: JsonPropertyName("Message")] string Message,
    [property: JsonPropertyName("RequestId")] string RequestId);
