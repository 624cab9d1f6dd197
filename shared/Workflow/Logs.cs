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

    [LoggerMessage(4010, LogLevel.Information, "Sweep {MessageId}: {Due} due markers, {Jobs} jobs loaded; {Recovered} stored results applied, {Timers} overdue timers fired, {Repaired} heads repaired, {Migrated} jobs indexed, {Deleted} markers deleted; safety net checked {Checked} active jobs; {Failures} failures; stopped by its budget: {Stopped}; {ElapsedMs} ms")]
    public static partial void SweepDone(this ILogger logger, string messageId, int due, int jobs, int recovered, int timers, int repaired, int migrated, int deleted, int @checked, int failures, bool stopped, long elapsedMs);

    [LoggerMessage(4011, LogLevel.Warning, "Sweep: job {JobId} could not be swept")]
    public static partial void SweepJobFailed(this ILogger logger, Exception exception, string jobId);

    [LoggerMessage(4012, LogLevel.Information, "Sweep: job {JobId} has an active marker but no journal; marker removed")]
    public static partial void OrphanMarker(this ILogger logger, string jobId);

    [LoggerMessage(4013, LogLevel.Information, "Sweep: job {JobId} {Stage} attempt {Attempt} is overdue ({Kind}); firing the timer")]
    public static partial void OverdueTimer(this ILogger logger, string jobId, string stage, int attempt, string kind);

    [LoggerMessage(4014, LogLevel.Warning, "Job {JobId} {Stage} attempt {Attempt}: its report had not come; applying its stored result {ReportId} (found by the {Trigger})")]
    public static partial void ResultRecovered(this ILogger logger, string jobId, string stage, int attempt, string reportId, string trigger);

    [LoggerMessage(4015, LogLevel.Warning, "Job {JobId} {Stage} attempt {Attempt}: its stored result was refused ({Code}: {Reason}); the deadline fires instead")]
    public static partial void RecoveredResultRefused(this ILogger logger, string jobId, string stage, int attempt, string code, string reason);

    [LoggerMessage(4016, LogLevel.Warning, "Security: job {JobId} {Stage} attempt {Attempt}: {Reason}")]
    public static partial void StoredResultRefused(this ILogger logger, string jobId, string stage, int attempt, string reason);

    [LoggerMessage(4017, LogLevel.Warning, "Sweep: due marker {Key} is not one the orchestrator wrote (malformed, or ahead of its job's journal); deleted")]
    public static partial void MalformedDueMarker(this ILogger logger, string key);

    [LoggerMessage(4018, LogLevel.Warning, "Sweep: result marker {Key} has no stored result beside it; deleted")]
    public static partial void ResultMarkerWithoutResult(this ILogger logger, string key);

    [LoggerMessage(4019, LogLevel.Information, "Sweep safety net: job {JobId}: {Trouble}; sweeping it")]
    public static partial void SafetyNetCaught(this ILogger logger, string jobId, string trouble);
}
