using System.Text.Json;
using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Messages;

namespace Orchestrator.Messaging.Wire;

/// <summary>Writes a message into its <see cref="WireEnvelope"/> and reads it back as the right type.</summary>
public static class EnvelopeSerializer
{
    /// <summary>The envelope's JSON text, as it goes into an MNS message body.</summary>
    public static string Serialize(IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var type = message.GetType();
        var name = MessageTypes.NameOf(type)
            ?? throw new ArgumentException($"Message type {type.Name} cannot travel in an envelope.", nameof(message));
        var body = JsonSerializer.SerializeToElement(message, MessageTypes.Find(name)!);
        return JsonSerializer.Serialize(new WireEnvelope(message.MessageId, name, body), MessagingJsonContext.Default.WireEnvelope);
    }

    /// <summary>Reads an envelope from its JSON text.</summary>
    /// <exception cref="InvalidEventException">
    /// <c>MalformedEnvelope</c> (not JSON, missing fields, ids that disagree) or <c>UnknownMessageType</c>.
    /// </exception>
    public static IMessage Deserialize(ReadOnlySpan<byte> json)
    {
        WireEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(json, MessagingJsonContext.Default.WireEnvelope);
        }
        catch (JsonException exception)
        {
            throw new InvalidEventException("MalformedEnvelope", "The message body is not a JSON message envelope: " + exception.Message, exception);
        }

        return Open(envelope);
    }

    /// <summary>Reads an envelope already parsed as JSON.</summary>
    public static IMessage Deserialize(JsonElement json)
    {
        WireEnvelope? envelope;
        try
        {
            envelope = json.Deserialize(MessagingJsonContext.Default.WireEnvelope);
        }
        catch (JsonException exception)
        {
            throw new InvalidEventException("MalformedEnvelope", "The message body is not a JSON message envelope: " + exception.Message, exception);
        }

        return Open(envelope);
    }

    private static IMessage Open(WireEnvelope? envelope)
    {
        if (envelope is null || string.IsNullOrEmpty(envelope.MessageType) || envelope.Message.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidEventException("MalformedEnvelope", "A message envelope needs \"messageId\", \"messageType\" and a \"message\" object.");
        }

        var info = MessageTypes.Find(envelope.MessageType)
            ?? throw new InvalidEventException("UnknownMessageType", $"Unknown message type \"{envelope.MessageType}\"; known: {string.Join(", ", MessageTypes.Names)}.");

        object? value;
        try
        {
            value = envelope.Message.Deserialize(info);
        }
        catch (JsonException exception)
        {
            throw new InvalidEventException("MalformedMessage", $"The {envelope.MessageType} message does not match its contract: {exception.Message}", exception);
        }

        if (value is not IMessage message || string.IsNullOrEmpty(message.MessageId))
        {
            throw new InvalidEventException("MalformedMessage", $"The {envelope.MessageType} message has no messageId.");
        }

        if (!string.IsNullOrEmpty(envelope.MessageId) && !string.Equals(envelope.MessageId, message.MessageId, StringComparison.Ordinal))
        {
            throw new InvalidEventException("MalformedEnvelope", $"The envelope's messageId \"{envelope.MessageId}\" differs from the message's \"{message.MessageId}\".");
        }

        return message;
    }
}
