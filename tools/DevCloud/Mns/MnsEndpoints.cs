using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Orchestrator.Messaging.Mns;

namespace Orchestrator.Tools.DevCloud.Mns;

/// <summary>
/// The MNS REST subset the client speaks, on <c>/queues/{name}/messages</c>: POST SendMessage (201),
/// GET ReceiveMessage and, with <c>numOfMessages</c>, BatchReceiveMessage (200, or 404 MessageNotExist after the
/// wait), GET with <c>peekonly=true</c> PeekMessage/BatchPeekMessage (200, or 404 MessageNotExist at once),
/// DELETE DeleteMessage (204), PUT ChangeMessageVisibility (200). Every answer carries <c>x-mns-request-id</c>; errors are MNS XML.
/// </summary>
internal static class MnsEndpoints
{
    public static void Map(WebApplication app, LocalMnsServer server, MnsRequestAuthenticator authenticator)
    {
        app.Run(context => HandleAsync(context, server, authenticator));
    }

    private static async Task HandleAsync(HttpContext context, LocalMnsServer server, MnsRequestAuthenticator authenticator)
    {
        var requestId = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        context.Response.Headers["x-mns-request-id"] = requestId;
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            var body = buffer.ToArray();
            authenticator.Check(context.Request, body);
            var queue = Route(context.Request, server);
            await DispatchAsync(context, queue, body);
        }
        catch (MnsQueueError error)
        {
            context.Response.StatusCode = (int)error.Status;
            await WriteXmlAsync(context, MnsXml.Error(error.Code, error.Message, requestId, context.Request.Host.ToString()));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away during a long poll: nothing to answer.
        }
    }

    private static LocalMnsQueue Route(HttpRequest request, LocalMnsServer server)
    {
        var segments = (request.Path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length != 3 || segments[0] != "queues" || segments[2] != "messages")
        {
            throw new MnsQueueError("InvalidArgument", HttpStatusCode.NotFound, "This service speaks only /queues/{name}/messages.");
        }

        return server.Find(segments[1])
            ?? throw new MnsQueueError("QueueNotExist", HttpStatusCode.NotFound, "The queue name you provided is not exist.");
    }

    private static async Task DispatchAsync(HttpContext context, LocalMnsQueue queue, byte[] body)
    {
        var request = context.Request;
        switch (request.Method)
        {
            case "POST":
                var sent = Send(queue, body);
                context.Response.StatusCode = StatusCodes.Status201Created;
                await WriteXmlAsync(context, MnsXml.SendMessageResponse(sent));
                break;
            case "GET" when string.Equals(request.Query["peekonly"], "true", StringComparison.OrdinalIgnoreCase):
                await WriteXmlAsync(context, Peek(queue, request));
                break;
            case "GET":
                await WriteXmlAsync(context, await ReceiveAsync(queue, request, context.RequestAborted));
                break;
            case "DELETE":
                queue.Delete(Handle(request));
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                break;
            case "PUT":
                var seconds = Int(request, "visibilityTimeout")
                    ?? throw new MnsQueueError("InvalidArgument", HttpStatusCode.BadRequest, "visibilityTimeout is required.");
                var visibility = queue.ChangeVisibility(Handle(request), seconds);
                await WriteXmlAsync(context, MnsXml.ChangeVisibilityResponse(visibility.ReceiptHandle, visibility.NextVisibleTime));
                break;
            default:
                throw new MnsQueueError("InvalidArgument", HttpStatusCode.MethodNotAllowed, $"{request.Method} is not supported here.");
        }
    }

    // ReceiveMessage, or BatchReceiveMessage when numOfMessages is given.
    private static async Task<string> ReceiveAsync(LocalMnsQueue queue, HttpRequest request, CancellationToken cancellationToken)
    {
        var batch = BatchSize(request);
        var wait = Int(request, "waitseconds") ?? queue.Settings.PollingWaitSeconds;
        if (wait is < 0 or > MnsLimits.MaxWaitSeconds)
        {
            throw new MnsQueueError("InvalidArgument", HttpStatusCode.BadRequest, $"waitseconds must be between 0 and {MnsLimits.MaxWaitSeconds}.");
        }

        var received = await queue.ReceiveAsync(batch ?? 1, TimeSpan.FromSeconds(wait), cancellationToken);
        if (received.Count == 0)
        {
            throw NoMessage();
        }

        return batch is null ? MnsXml.ReceiveMessageResponse(received[0]) : MnsXml.BatchReceiveMessageResponse(received);
    }

    // PeekMessage, or BatchPeekMessage when numOfMessages is given: nothing about the messages changes.
    private static string Peek(LocalMnsQueue queue, HttpRequest request)
    {
        var batch = BatchSize(request);
        var peeked = queue.Peek(batch ?? 1);
        if (peeked.Count == 0)
        {
            throw NoMessage();
        }

        return batch is null ? MnsXml.PeekMessageResponse(peeked[0]) : MnsXml.BatchPeekMessageResponse(peeked);
    }

    private static int? BatchSize(HttpRequest request)
    {
        var count = Int(request, "numOfMessages");
        return count is null or (>= 1 and <= MnsLimits.MaxBatchMessages)
            ? count
            : throw new MnsQueueError("InvalidArgument", HttpStatusCode.BadRequest, $"numOfMessages must be between 1 and {MnsLimits.MaxBatchMessages}.");
    }

    private static MnsQueueError NoMessage() => new("MessageNotExist", HttpStatusCode.NotFound, "Message not exist.");

    private static MnsSendResult Send(LocalMnsQueue queue, byte[] body)
    {
        IReadOnlyDictionary<string, string> fields;
        try
        {
            fields = MnsXml.ReadFlat(Encoding.UTF8.GetString(body), "Message");
        }
        catch (FormatException exception)
        {
            throw new MnsQueueError("MalformedXML", HttpStatusCode.BadRequest, exception.Message);
        }

        if (!fields.TryGetValue("MessageBody", out var messageBody) || messageBody.Length == 0)
        {
            throw new MnsQueueError("InvalidArgument", HttpStatusCode.BadRequest, "MessageBody is required and cannot be empty.");
        }

        return queue.Send(messageBody, ParseInt(fields.GetValueOrDefault("DelaySeconds"), "DelaySeconds"), ParseInt(fields.GetValueOrDefault("Priority"), "Priority") ?? 8);
    }

    private static string Handle(HttpRequest request) =>
        request.Query["ReceiptHandle"].ToString() is { Length: > 0 } handle
            ? handle
            : throw new MnsQueueError("ReceiptHandleError", HttpStatusCode.BadRequest, "The receipt handle is missing.");

    private static int? Int(HttpRequest request, string name) => ParseInt(request.Query[name].ToString(), name);

    private static int? ParseInt(string? text, string name)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new MnsQueueError("InvalidArgument", HttpStatusCode.BadRequest, $"{name} must be an integer.");
    }

    private static async Task WriteXmlAsync(HttpContext context, string xml)
    {
        context.Response.ContentType = MnsXml.ContentType;
        await context.Response.WriteAsync(xml, context.RequestAborted);
    }
}
