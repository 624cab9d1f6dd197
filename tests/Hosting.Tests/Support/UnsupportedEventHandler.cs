using System.Text.Json;
using Orchestrator.Contracts.Errors;

namespace Orchestrator.Hosting.Tests.Support;

/// <summary>
/// A handler that fails every event, as a malformed or unknown one fails (<c>InvalidEvent</c> when the body is not
/// JSON, <c>UnsupportedEvent</c> otherwise): what the in-process host tests need to see failures signalled.
/// </summary>
internal sealed class UnsupportedEventHandler : IInvocationHandler
{
    public Task<InvocationResult> InvokeAsync(ReadOnlyMemory<byte> body, InvocationContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var kind = Describe(body);
        throw new InvalidEventException(
            "UnsupportedEvent",
            $"Function '{context.FunctionName}' has no handler for {kind} yet.");
    }

    private static string Describe(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            throw new InvalidEventException("InvalidEvent", "The event body is empty; a JSON event was expected.");
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return root.ValueKind switch
            {
                JsonValueKind.Object when root.TryGetProperty("specversion", out _) => "a CloudEvents event",
                JsonValueKind.Object when root.TryGetProperty("events", out _) => "an OSS trigger event",
                JsonValueKind.Object when root.TryGetProperty("command", out _) => "an ops command",
                JsonValueKind.Array => "a batch of events",
                _ => $"a JSON {root.ValueKind.ToString().ToLowerInvariant()} event",
            };
        }
        catch (JsonException exception)
        {
            throw new InvalidEventException("InvalidEvent", $"The event body is not valid JSON: {exception.Message}", exception);
        }
    }
}
