namespace Orchestrator.Functions.Publish;

/// <summary>The stable codes the Publish stage fails with (they end up in the job document).</summary>
public static class PublishErrorCodes
{
    /// <summary>
    /// A newer release of the site is already live (or was): this older one must not replace it. The coordinator
    /// knows this code and ends the job Cancelled, so it is the shared one from Contracts.
    /// </summary>
    public const string SupersededRelease = Contracts.Errors.WorkflowErrorCodes.Superseded;

    /// <summary>The request lacks the build output's key.</summary>
    public const string MissingInput = "MissingInput";

    /// <summary>The build output object does not exist.</summary>
    public const string BuildOutputMissing = "BuildOutputMissing";

    /// <summary>The build output is larger than allowed.</summary>
    public const string BuildOutputTooLarge = "BuildOutputTooLarge";

    /// <summary>The build output holds a path that cannot be published (links, bad names) or too much.</summary>
    public const string InvalidBuildOutput = "InvalidBuildOutput";

    /// <summary>The build output holds no file at all.</summary>
    public const string EmptyBuildOutput = "EmptyBuildOutput";

    /// <summary>The site name cannot be used in object keys.</summary>
    public const string InvalidSite = "InvalidSite";

    /// <summary>
    /// Another publish or rollback of the site held it for longer than the publish would wait: the message goes back
    /// to the queue (a deferral, not a stage failure).
    /// </summary>
    public const string SiteBusy = "SiteBusy";

    /// <summary>A stored release record is unreadable.</summary>
    public const string CorruptReleaseRecord = "CorruptReleaseRecord";

    /// <summary>The rollback target is not a kept release (or there is none before the live one).</summary>
    public const string ReleaseNotFound = "ReleaseNotFound";

    /// <summary>A kept release lost one of its blobs, so it cannot be restored.</summary>
    public const string BlobMissing = "BlobMissing";

    /// <summary>The CDN refused or failed the refresh after the switch.</summary>
    public const string CdnRefreshFailed = "CdnRefreshFailed";
}
