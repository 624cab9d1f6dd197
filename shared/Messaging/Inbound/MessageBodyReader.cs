using System.Text;
using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Messages;
using Orchestrator.Messaging.Wire;

namespace Orchestrator.Messaging.Inbound;

/// <summary>
/// An MNS message body holding a <see cref="WireEnvelope"/>, as EventBridge passes it on: the JSON text itself,
/// or its base64 (EventBridge's MNS source can be set to base64-encode bodies).
/// </summary>
internal static class MessageBodyReader
{
    public static IMessage Read(string body, string where)
    {
        var trimmed = body.AsSpan().Trim();
        if (trimmed.IsEmpty)
        {
            throw new InvalidEventException("MalformedEnvelope", $"{where}: the message body is empty.");
        }

        if (trimmed[0] == '{')
        {
            return EnvelopeSerializer.Deserialize(Encoding.UTF8.GetBytes(trimmed.ToString()));
        }

        var bytes = new byte[trimmed.Length];
        if (!Convert.TryFromBase64Chars(trimmed, bytes, out var length))
        {
            throw new InvalidEventException("MalformedEnvelope", $"{where}: the message body is neither a JSON envelope nor base64.");
        }

        return EnvelopeSerializer.Deserialize(bytes.AsSpan(0, length));
    }
}
