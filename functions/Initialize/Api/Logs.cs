
namespace Orchestrator.Functions.Initialize.Api;

/// <summary>The status API's log lines (EventIds 7000–7099). Tokens never appear in them.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 7000, Level = LogLevel.Information, Message = "Ops command {Command} accepted for {Target} (message {MessageId})")]
    public static partial void OpsCommandAccepted(ILogger logger, string command, string target, string messageId);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "{Method} {Path} refused: {StatusCode} {Code}")]
    public static partial void Refused(ILogger logger, string method, string path, int statusCode, string code);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Error, Message = "{Method} {Path} failed unexpectedly (request {RequestId})")]
    public static partial void Unexpected(ILogger logger, Exception exception, string method, string path, string requestId);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "{Method} {Path} refused: {Reason}")]
    public static partial void AccessRefused(ILogger logger, string method, string path, string reason);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning, Message = "Ops commands are disabled: ORCHESTRATOR_OPS_TOKEN is not set, every POST of the status API is refused")]
    public static partial void OpsDisabled(ILogger logger);
}
