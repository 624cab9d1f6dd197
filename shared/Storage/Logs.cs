using Microsoft.Extensions.Logging;

namespace Orchestrator.Storage;

/// <summary>The storage library's log lines (event ids 3000-3099). Never carry credentials.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Warning, Message = "OSS {Operation} attempt {Attempt} failed ({Reason}); retrying in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string operation, int attempt, string reason, long delayMs);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "OSS multipart upload {UploadId} of {Bucket}/{Key} failed; aborting it")]
    public static partial void AbortingMultipart(ILogger logger, string uploadId, string bucket, string key, Exception exception);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "OSS abort of multipart upload {UploadId} failed too")]
    public static partial void AbortFailed(ILogger logger, string uploadId, Exception exception);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "OSS clock skew detected: adjusting request time by {SkewSeconds} s")]
    public static partial void ClockSkew(ILogger logger, double skewSeconds);
}
