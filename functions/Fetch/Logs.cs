namespace Orchestrator.Functions.Fetch;

/// <summary>Fetch's log lines (EventIds 5100–5199).</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "Fetch {JobId} attempt {Attempt}: downloaded {Bytes} bytes from oss://{Bucket}/{Key}")]
    public static partial void Downloaded(ILogger logger, string jobId, int attempt, long bytes, string bucket, string key);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Fetch {JobId} attempt {Attempt}: unpacked {Format} ({Files} files, {Bytes} bytes, stripped folder {Stripped})")]
    public static partial void Extracted(ILogger logger, string jobId, int attempt, string format, int files, long bytes, string? stripped);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Fetch {JobId} attempt {Attempt}: {Manager} project at '{ProjectPath}', Node {NodeMajor}, script {Script}, cache key {CacheKey}")]
    public static partial void Inspected(ILogger logger, string jobId, int attempt, string manager, string projectPath, int nodeMajor, string script, string? cacheKey);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Information, Message = "Fetch {JobId} attempt {Attempt}: workspace {Key} ({ArchiveBytes} bytes, sha256 {Sha256})")]
    public static partial void Stored(ILogger logger, string jobId, int attempt, string key, long archiveBytes, string sha256);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Warning, Message = "Fetch {JobId} attempt {Attempt} failed: {Code} (retryable {Retryable}): {Reason}")]
    public static partial void Failed(ILogger logger, string jobId, int attempt, string code, bool retryable, string reason);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Warning, Message = "Fetch {JobId} attempt {Attempt}: its log could not be stored: {Reason}")]
    public static partial void LogNotStored(ILogger logger, string jobId, int attempt, string reason);
}
