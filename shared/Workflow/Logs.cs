using Microsoft.Extensions.Logging;

namespace Orchestrator.Workflow;

/// <summary>The Workflow library's log lines (event ids 4000–4099).</summary>
internal static partial class Logs
{
    [LoggerMessage(4000, LogLevel.Information, "Upload {Bucket}/{Key} ignored: {Reason}")]
    public static partial void UploadIgnored(this ILogger logger, string bucket, string key, string reason);

    [LoggerMessage(4001, LogLevel.Information, "Job {JobId} started for site {Site} (site sequence {SiteSequence}) from {Key}")]
    public static partial void JobCreated(this ILogger logger, string jobId, string site, long siteSequence, string key);

    [LoggerMessage(4002, LogLevel.Information, "Upload {Key} is job {JobId}, which already exists: duplicate event ignored")]
    public static partial void DuplicateUpload(this ILogger logger, string key, string jobId);

    [LoggerMessage(4003, LogLevel.Information, "Job {JobId} seq {Seq}: {Event} {From} -> {To} ({Detail})")]
    public static partial void Transition(this ILogger logger, string jobId, long seq, string @event, string from, string to, string? detail);

    [LoggerMessage(4004, LogLevel.Debug, "Job {JobId}: message {MessageId} already applied; nothing changes")]
    public static partial void DuplicateMessage(this ILogger logger, string jobId, string messageId);

    [LoggerMessage(4005, LogLevel.Debug, "Job {JobId}: {MessageType} {MessageId} changes nothing (stale timer)")]
    public static partial void MessageIgnored(this ILogger logger, string jobId, string messageType, string messageId);

    [LoggerMessage(4006, LogLevel.Information, "Job {JobId}: lost the race for journal seq {Seq} (round {Round}); reloading and re-deciding")]
    public static partial void LostRace(this ILogger logger, string jobId, long seq, int round);

    [LoggerMessage(4007, LogLevel.Warning, "Job {JobId}: head is at seq {HeadSeq} but the journal at {Seq}; repairing and re-sending the outbox")]
    public static partial void RepairingHead(this ILogger logger, string jobId, long headSeq, long seq);

    [LoggerMessage(4008, LogLevel.Information, "Job {JobId}: {MessageType} refused ({Code}): {Reason}")]
    public static partial void Refused(this ILogger logger, string jobId, string messageType, string code, string reason);

    [LoggerMessage(4050, LogLevel.Warning, "Security: job {JobId}: stage result {MessageId} refused (OutputsRejected), the job is unchanged: {Reason}", EventName = "OutputsRejected")]
    public static partial void OutputsRejected(this ILogger logger, string jobId, string messageId, string reason);

    [LoggerMessage(4051, LogLevel.Warning, "Security: upload {Bucket}/{Key} refused (BucketNotOwned): this deployment takes sources from {SourceBuckets} only", EventName = "BucketNotOwned")]
    public static partial void BucketNotOwned(this ILogger logger, string bucket, string key, string sourceBuckets);

    [LoggerMessage(4009, LogLevel.Information, "Rollback of site {Site} (to {ToJobId}) forwarded to Publish")]
    public static partial void RollbackForwarded(this ILogger logger, string site, string toJobId);

    [LoggerMessage(4010, LogLevel.Information, "Sweep {MessageId}: {Jobs} active jobs, {Repaired} heads repaired, {Timers} overdue timers fired, {Failures} failures")]
    public static partial void SweepDone(this ILogger logger, string messageId, int jobs, int repaired, int timers, int failures);

    [LoggerMessage(4011, LogLevel.Warning, "Sweep: job {JobId} could not be swept")]
    public static partial void SweepJobFailed(this ILogger logger, Exception exception, string jobId);

    [LoggerMessage(4012, LogLevel.Information, "Sweep: job {JobId} has an active marker but no journal; marker removed")]
    public static partial void OrphanMarker(this ILogger logger, string jobId);

    [LoggerMessage(4013, LogLevel.Information, "Sweep: job {JobId} {Stage} attempt {Attempt} is overdue ({Kind}); firing the timer")]
    public static partial void OverdueTimer(this ILogger logger, string jobId, string stage, int attempt, string kind);
}
