using System.Text.Json;
using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;

namespace Orchestrator.Messaging.Inbound;

/// <summary>
/// The FC console's test-event commands (CONTRACT.md §3): <c>{"command":"retry","jobId","stage"}</c>,
/// <c>cancel</c>, <c>status</c>, <c>rollback</c> (<c>site</c>, <c>to</c>). The message id comes from FC's request id,
/// which FC keeps when it retries an async invocation, so a retried command is recognised.
/// </summary>
internal static class ConsoleCommandReader
{
    private const string Code = "InvalidCommand";

    public static IMessage Read(JsonElement command, string requestId)
    {
        var name = Json.String(command, "command", Code, "command");
        var id = "cmd-" + name.ToLowerInvariant() + "-" + requestId;
        return name.ToLowerInvariant() switch
        {
            "retry" => new RetryJob(id, JobId(command), Stage(command)),
            "cancel" => new CancelJob(id, JobId(command)),
            "status" => new JobStatusRequested(id, JobId(command)),
            "rollback" => new RollbackRequested(id, Json.String(command, "site", Code, "rollback"), Json.OptionalString(command, "to", Code, "rollback") is { Length: > 0 } to ? to : null),
            _ => throw new InvalidEventException(Code, $"Unknown command \"{name}\"; known: retry, cancel, status, rollback."),
        };
    }

    private static string JobId(JsonElement command) => Json.String(command, "jobId", Code, "command");

    private static StageName? Stage(JsonElement command)
    {
        var text = Json.OptionalString(command, "stage", Code, "retry");
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return Enum.TryParse<StageName>(text, ignoreCase: true, out var stage) && Enum.IsDefined(stage) && !char.IsDigit(text[0])
            ? stage
            : throw new InvalidEventException(Code, $"Unknown stage \"{text}\"; known: fetch, build, publish.");
    }
}
