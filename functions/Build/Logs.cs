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

    [LoggerMessage(EventId = 5206, Level = LogLevel.Error, Message = "Build {JobId}: {Survivors} process(es) of uid {Uid} could not be killed; the uid is retired for this instance's life")]
    public static partial void IdentityRetired(ILogger logger, string jobId, int uid, int survivors);

    [LoggerMessage(EventId = 5207, Level = LogLevel.Warning, Message = "Build {JobId}: work folder {Folder} could not be deleted (swept again at a later build's start): {Reason}")]
    public static partial void CleanupFailed(ILogger logger, string jobId, string folder, string reason);

    [LoggerMessage(EventId = 5208, Level = LogLevel.Information, Message = "Build {JobId}: swept work folder {Folder} of a build that is not running")]
    public static partial void StaleFolderSwept(ILogger logger, string jobId, string folder);

    [LoggerMessage(EventId = 5209, Level = LogLevel.Information, Message = "Build {JobId}: removed {Found} things uid {Uid} left outside its work folder (shared folders, IPC objects); {Remaining} remain {Examples}")]
    public static partial void SharedLeftoversRemoved(ILogger logger, string jobId, int uid, int found, int remaining, string examples);

    [LoggerMessage(EventId = 5210, Level = LogLevel.Warning, Message = "Build {JobId}: holds {UsedMegabytes} MB on disk, over its budget of {LimitMegabytes} MB: its processes are killed")]
    public static partial void DiskLimitExceeded(ILogger logger, string jobId, long usedMegabytes, long limitMegabytes);

    [LoggerMessage(EventId = 5211, Level = LogLevel.Warning, Message = "Build {JobId}: dependency cache {CacheKey} not saved, it could not restore the install exactly: {Reason}")]
    public static partial void CacheNotSaved(ILogger logger, string jobId, string cacheKey, string reason);
}
