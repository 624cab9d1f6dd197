using Microsoft.Extensions.Logging;

namespace Orchestrator.Messaging;

/// <summary>Every log line of Messaging (event ids 2000–2099).</summary>
internal static partial class Logs
{
    [LoggerMessage(2001, LogLevel.Warning, "MNS {Operation} attempt {Attempt}/{MaxAttempts} failed ({Reason}); retrying in {DelayMs} ms")]
    public static partial void MnsRetrying(ILogger logger, string operation, int attempt, int maxAttempts, long delayMs, string reason);

    [LoggerMessage(2002, LogLevel.Information, "Sent {MessageType} {MessageId} to {Queue} (delay {DelaySeconds} s, MNS id {MnsMessageId})")]
    public static partial void MessageSent(ILogger logger, string messageType, string messageId, string queue, int delaySeconds, string mnsMessageId);

    [LoggerMessage(2003, LogLevel.Information, "Request {RequestId}: dispatching {Count} message(s)")]
    public static partial void Dispatching(ILogger logger, string requestId, int count);

    [LoggerMessage(2004, LogLevel.Error, "Request {RequestId}: {MessageType} {MessageId} failed")]
    public static partial void DispatchFailed(ILogger logger, Exception exception, string requestId, string messageType, string messageId);

    [LoggerMessage(2005, LogLevel.Information, "Job {JobId} stage {Stage} attempt {Attempt}: succeeded")]
    public static partial void StageSucceeded(ILogger logger, string jobId, string stage, int attempt);

    [LoggerMessage(2006, LogLevel.Warning, "Job {JobId} stage {Stage} attempt {Attempt}: failed {Code} (retryable {Retryable}): {Reason}")]
    public static partial void StageFailed(ILogger logger, string jobId, string stage, int attempt, string code, bool retryable, string reason);

    [LoggerMessage(2007, LogLevel.Error, "Job {JobId} stage {Stage} attempt {Attempt}: unexpected error")]
    public static partial void StageCrashed(ILogger logger, Exception exception, string jobId, string stage, int attempt);

    [LoggerMessage(2009, LogLevel.Information, "Job {JobId} stage {Stage} attempt {Attempt}: deferred, the request comes back later: {Code}: {Reason}")]
    public static partial void StageDeferred(ILogger logger, string jobId, string stage, int attempt, string code, string reason);

    [LoggerMessage(2008, LogLevel.Warning, "{MessageType} {MessageId} refused and completed (no retry can change it): {Code}: {Reason}")]
    public static partial void CommandRefused(ILogger logger, string messageType, string messageId, string code, string reason);

    [LoggerMessage(2010, LogLevel.Information, "Dead letter {DeadLetterId} replayed: {MessageType} of job {JobId} sent again to {Queue}")]
    public static partial void DeadLetterReplayed(ILogger logger, string deadLetterId, string messageType, string jobId, string queue);

    [LoggerMessage(2011, LogLevel.Warning, "Dead letter {DeadLetterId} could not be made visible again now ({Reason}); its visibility timeout will")]
    public static partial void DeadLetterNotReleased(ILogger logger, string deadLetterId, string reason);

    [LoggerMessage(2013, LogLevel.Information, "Job {JobId} stage {Stage} attempt {Attempt}: its result is stored already; re-sending report {ReportId} without running the stage")]
    public static partial void ReportResent(ILogger logger, string jobId, string stage, int attempt, string reportId);

    [LoggerMessage(2014, LogLevel.Warning, "Job {JobId} stage {Stage} attempt {Attempt}: another delivery stored its result first; sending that report {ReportId} instead of this run's")]
    public static partial void ReportSuperseded(ILogger logger, string jobId, string stage, int attempt, string reportId);

    [LoggerMessage(2015, LogLevel.Warning, "Security: job {JobId} stage {Stage} attempt {Attempt}: {Reason}")]
    public static partial void StoredResultRefused(ILogger logger, string jobId, string stage, int attempt, string reason);
}
