using System.Globalization;
using System.Text.Json;
using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Messages;
using Orchestrator.Messaging.Inbound;
using Orchestrator.Messaging.Wire;

namespace Orchestrator.Messaging.DeadLetters;

/// <summary>
/// Reads a dead letter in the shapes that reach the queue: the event EventBridge could not deliver (a CloudEvent
/// with an MNS queue source, or a batch of them; EventBridge keeps no error with it, so the reason says so), and
/// the record FC sends to an asynchronous invocation's <c>onFailure</c> destination (<c>requestContext</c> with the
/// condition and invoke count, <c>responseContext</c> with the status and error, the event in <c>requestPayload</c>).
/// Nothing of a body but its envelope's type and ids is shown; the body is kept only to be sent again.
/// </summary>
public static class DeadLetterReader
{
    private const int MaxErrorLength = 200;
    private const string QueuePrefix = "queues/";

    /// <summary>Never throws for what the queue holds: an unknown shape has no messages and a reason saying so.</summary>
    public static DeadLetterContent Read(string body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            return new DeadLetterContent([], "unknown: the dead letter is not JSON, so neither an EventBridge event nor an FC destination record");
        }

        using (document)
        {
            var root = document.RootElement;
            if (IsFcRecord(root))
            {
                return new DeadLetterContent(Payload(root.GetProperty("requestPayload")), FcReason(root));
            }

            if (IsEvents(root))
            {
                var messages = Events(root);
                return new DeadLetterContent(messages, EventBridgeReason(messages));
            }

            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("messageType", out _))
            {
                return new DeadLetterContent(
                    [Envelope(null, body) with { Problem = "the dead letter is a bare message that does not say which queue it came from" }],
                    "unknown: a bare message, without the event or record that would say why it failed");
            }

            return new DeadLetterContent([], "unknown: the dead letter is neither an EventBridge event nor an FC destination record");
        }
    }

    private static bool IsFcRecord(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object
        && root.TryGetProperty("requestContext", out var context) && context.ValueKind == JsonValueKind.Object
        && root.TryGetProperty("requestPayload", out _);

    private static bool IsEvents(JsonElement root) => root.ValueKind switch
    {
        JsonValueKind.Array => root.EnumerateArray().Any(),
        JsonValueKind.Object => root.TryGetProperty("specversion", out _),
        _ => false,
    };

    // FC passes the invocation's event as text; an event it could not read as JSON leaves nothing to replay.
    private static IReadOnlyList<DeadMessage> Payload(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.String)
        {
            return IsEvents(payload) ? Events(payload) : [];
        }

        try
        {
            using var inner = JsonDocument.Parse(payload.GetString()!, new JsonDocumentOptions { MaxDepth = 64 });
            return IsEvents(inner.RootElement) ? Events(inner.RootElement) : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static List<DeadMessage> Events(JsonElement events) =>
        events.ValueKind == JsonValueKind.Array ? [.. events.EnumerateArray().Select(Event)] : [Event(events)];

    private static DeadMessage Event(JsonElement cloudEvent)
    {
        var type = Text(cloudEvent, "type");
        if (type is null || !type.StartsWith("mns:Queue:", StringComparison.Ordinal))
        {
            return new DeadMessage(null, null, null, null, null, $"the event is not an MNS queue message (type \"{Shorten(type ?? "none")}\")");
        }

        var subject = Text(cloudEvent, "subject");
        var at = subject?.LastIndexOf(QueuePrefix, StringComparison.Ordinal) ?? -1;
        var queue = at < 0 ? null : subject![(at + QueuePrefix.Length)..];
        var body = cloudEvent.TryGetProperty("data", out var data) ? Text(data, "messageBody") : null;
        if (body is null)
        {
            return new DeadMessage(queue, null, null, null, null, "the event carries no message body");
        }

        var message = Envelope(queue, body);
        return queue is null ? message with { Problem = "the event does not say which queue it came from" } : message;
    }

    private static DeadMessage Envelope(string? queue, string body)
    {
        try
        {
            var message = MessageBodyReader.Read(body, "the dead letter's message");
            return new DeadMessage(queue, body, MessageTypes.NameOf(message.GetType()), (message as IJobMessage)?.JobId, message.MessageId, null);
        }
        catch (InvalidEventException exception)
        {
            return new DeadMessage(queue, body, null, null, null, $"its message is not one of this system's ({exception.Code})");
        }
    }

    private static string EventBridgeReason(IReadOnlyList<DeadMessage> messages)
    {
        var queues = string.Join(", ", messages.Select(m => m.Queue).OfType<string>().Distinct(StringComparer.Ordinal));
        return queues.Length == 0
            ? "unknown: EventBridge dead-letters an event without its delivery error"
            : $"unknown: EventBridge dead-letters an event without its delivery error; the log of the function that reads {queues} has it";
    }

    private static string FcReason(JsonElement record)
    {
        var context = record.GetProperty("requestContext");
        var function = Text(context, "functionArn") is { } arn ? arn[(arn.LastIndexOf('/') + 1)..] : "the function";
        var reason = $"FC gave up the asynchronous invocation of {Shorten(function)}";
        if (Text(context, "condition") is { } condition)
        {
            reason += ": " + Shorten(condition);
        }

        if (Number(context, "approximateInvokeCount") is { } count)
        {
            reason += $" after {count} invocation(s)";
        }

        if (record.TryGetProperty("responseContext", out var response))
        {
            var status = Number(response, "statusCode");
            var error = Text(response, "functionError");
            if (status is not null || error is not null)
            {
                reason += "; last answer" + (status is { } s ? $" HTTP {s}" : "") + (error is { } e ? $" ({Shorten(e)})" : "");
            }
        }

        return reason;
    }

    private static string? Text(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() is { Length: > 0 } text ? text : null
            : null;

    private static string? Number(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number.ToString(CultureInfo.InvariantCulture)
            : null;

    // What the dead letter says goes into one line of an answer: short, no line breaks.
    private static string Shorten(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= MaxErrorLength ? line : line[..MaxErrorLength] + "…";
    }
}
