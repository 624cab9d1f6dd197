using Microsoft.Extensions.Logging;

namespace Orchestrator.Tools.OssServer;

/// <summary>The local OSS server's log lines (event ids 3100-3199).</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Error, Message = "OSS {Method} {Path} failed (request id {RequestId})")]
    public static partial void RequestFailed(ILogger logger, string method, string path, string requestId, Exception exception);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "local OSS listening on {Endpoint} (region {Region}, data {DataDirectory})")]
    public static partial void Started(ILogger logger, string endpoint, string region, string dataDirectory);
}
