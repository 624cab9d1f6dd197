namespace Orchestrator.Functions.Publish;

/// <summary>The Publish stage's log lines (EventIds 5000-5099).</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Publish {Site} job {JobId} seq {SiteSequence}: {Files} files, {Changed} to update, {NewBlobs} new blobs")]
    public static partial void PublishPlanned(this ILogger logger, string site, string jobId, long siteSequence, int files, int changed, int newBlobs);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Site {Site} switched to {JobId} ({Reason})")]
    public static partial void Switched(this ILogger logger, string site, string jobId, string reason);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Site {Site} clean-up: {PrunedReleases} releases pruned, {DeletedFiles} files and {DeletedBlobs} blobs deleted")]
    public static partial void CleanedUp(this ILogger logger, string site, int prunedReleases, int deletedFiles, int deletedBlobs);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "CDN refresh for {Site}: {Paths} paths, whole site {WholeSite}")]
    public static partial void CdnRefreshed(this ILogger logger, string site, int paths, bool wholeSite);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Blob {Sha256} of site {Site} was missing; uploaded again from the build output")]
    public static partial void BlobReuploaded(this ILogger logger, string site, string sha256);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "Publish of job {JobId} failed: {Code} (retryable {Retryable})")]
    public static partial void PublishFailed(this ILogger logger, string jobId, string code, bool retryable);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Error, Message = "Could not store the publish log of job {JobId}")]
    public static partial void LogNotStored(this ILogger logger, string jobId, Exception exception);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Information, Message = "Publish of {Site} by {Holder} waits for {Current} to finish")]
    public static partial void WaitingForLease(this ILogger logger, string site, string holder, string current);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Warning, Message = "Lease of {Site} taken by {Holder} from {Previous}, which expired or was an earlier delivery")]
    public static partial void LeaseTakenOver(this ILogger logger, string site, string holder, string previous);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Warning, Message = "Lease of {Site} held by {Holder} could not be renewed; it runs out at its last expiry")]
    public static partial void LeaseNotRenewed(this ILogger logger, string site, string holder, Exception exception);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Warning, Message = "Superseded lease {Number} of {Site} could not be deleted; the newer lease decides anyway")]
    public static partial void SupersededLeaseKept(this ILogger logger, string site, long number, Exception exception);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Warning, Message = "Publish of job {JobId}: workspace manifest {Key} is missing; the site gets the default routing and headers")]
    public static partial void ManifestMissing(this ILogger logger, string jobId, string key);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Information, Message = "Rollback of {Site} to {JobId} requested by message {MessageId}")]
    public static partial void RollbackStarted(this ILogger logger, string site, string jobId, string messageId);
}
