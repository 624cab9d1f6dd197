namespace Orchestrator.Functions.Build;

/// <summary>Build's log lines (EventIds 5200–5299).</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 5200, Level = LogLevel.Information, Message = "Build {JobId} attempt {Attempt}: {Step}")]
    public static partial void Step(ILogger logger, string jobId, int attempt, string step);

    [LoggerMessage(EventId = 5201, Level = LogLevel.Warning, Message = "Build {JobId}: build isolation is OFF: {Detail}")]
    public static partial void NotIsolated(ILogger logger, string jobId, string detail);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Warning, Message = "Build {JobId}: progress upload of {Key} failed ({Code}): {Reason}")]
    public static partial void LogUploadFailed(ILogger logger, string jobId, string key, string code, string reason);

    [LoggerMessage(EventId = 5203, Level = LogLevel.Warning, Message = "Build {JobId} attempt {Attempt} failed: {Code} (retryable {Retryable}): {Reason}")]
    public static partial void Failed(ILogger logger, string jobId, int attempt, string code, bool retryable, string reason);

    [LoggerMessage(EventId = 5204, Level = LogLevel.Warning, Message = "Build {JobId}: dependency cache {CacheKey} unusable, installing instead: {Reason}")]
    public static partial void CacheUnusable(ILogger logger, string jobId, string cacheKey, string reason);

    [LoggerMessage(EventId = 5205, Level = LogLevel.Information, Message = "Build {JobId} attempt {Attempt} succeeded: output {Key} ({Files} files), cache hit {CacheHit}")]
    public static partial void Succeeded(ILogger logger, string jobId, int attempt, string key, int files, bool cacheHit);
}
