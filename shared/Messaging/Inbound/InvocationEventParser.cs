using System.Text.Json;
using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Messages;
using Orchestrator.Messaging.Wire;

namespace Orchestrator.Messaging.Inbound;

/// <summary>
/// Turns what FC delivers to <c>/invoke</c> into messages: an EventBridge CloudEvents batch (array or single
/// object; MNS queue or OSS source), the native OSS trigger event (<c>{"events":[…]}</c>), an FC console command,
/// the timer trigger's event, or a bare <see cref="WireEnvelope"/> (a direct invocation).
/// </summary>
public static class InvocationEventParser
{
    /// <summary>The messages in <paramref name="body"/>, in order.</summary>
    /// <param name="body">The raw event bytes.</param>
    /// <param name="requestId">FC's request id, which names messages that carry no id of their own (commands).</param>
    /// <exception cref="InvalidEventException">
    /// <c>MalformedEvent</c> (not JSON), <c>UnknownEvent</c> (a shape none of the above), <c>EmptyBatch</c>,
    /// or a code naming what is wrong inside a known shape.
    /// </exception>
    public static IReadOnlyList<IMessage> Parse(ReadOnlyMemory<byte> body, string requestId)
    {
        using var document = ParseJson(body);
        var root = document.RootElement;
        return root.ValueKind switch
        {
            JsonValueKind.Array => ReadBatch(root),
            JsonValueKind.Object => ReadObject(root, requestId),
            _ => throw new InvalidEventException("UnknownEvent", $"The event is a JSON {root.ValueKind}; expected an object or an array of CloudEvents."),
        };
    }

    private static JsonDocument ParseJson(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            throw new InvalidEventException("MalformedEvent", "The event is empty.");
        }

        try
        {
            return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException exception)
        {
            throw new InvalidEventException("MalformedEvent", "The event is not JSON: " + exception.Message, exception);
        }
    }

    private static List<IMessage> ReadBatch(JsonElement batch)
    {
        if (batch.GetArrayLength() == 0)
        {
            throw new InvalidEventException("EmptyBatch", "The CloudEvents batch is empty.");
        }

        var messages = new List<IMessage>(batch.GetArrayLength());
        var index = 0;
        foreach (var item in batch.EnumerateArray())
        {
            var where = $"event[{index++}]";
            if (!Json.Has(item, "specversion"))
            {
                throw new InvalidEventException("UnknownEvent", $"{where} is not a CloudEvent (no \"specversion\").");
            }

            messages.Add(CloudEventReader.Read(item, where));
        }

        return messages;
    }

    private static List<IMessage> ReadObject(JsonElement root, string requestId)
    {
        if (Json.Has(root, "specversion"))
        {
            return [CloudEventReader.Read(root, "event")];
        }

        if (root.TryGetProperty("events", out var events))
        {
            return ReadOssEvents(events);
        }

        if (Json.Has(root, "command"))
        {
            return [ConsoleCommandReader.Read(root, requestId)];
        }

        if (Json.Has(root, "triggerTime") && Json.Has(root, "triggerName"))
        {
            return [TimerEventReader.Read(root)];
        }

        if (Json.Has(root, "messageType"))
        {
            return [EnvelopeSerializer.Deserialize(root)];
        }

        throw new InvalidEventException(
            "UnknownEvent",
            "The event is none of: a CloudEvent or a batch of them, an OSS trigger event {\"events\":[…]}, a console command {\"command\":…}, a timer event {\"triggerTime\",\"triggerName\"}, a message envelope {\"messageType\",\"message\"}.");
    }

    private static List<IMessage> ReadOssEvents(JsonElement events)
    {
        if (events.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidEventException("MalformedOssEvent", "\"events\" must be an array of OSS records.");
        }

        if (events.GetArrayLength() == 0)
        {
            throw new InvalidEventException("EmptyBatch", "The OSS event has no records.");
        }

        var messages = new List<IMessage>(events.GetArrayLength());
        var index = 0;
        foreach (var record in events.EnumerateArray())
        {
            messages.Add(OssEventReader.Read(record, $"events[{index++}]"));
        }

        return messages;
    }
}
