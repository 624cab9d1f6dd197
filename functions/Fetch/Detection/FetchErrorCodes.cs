namespace Orchestrator.Functions.Fetch.Detection;

/// <summary>The stable codes Fetch fails with (they land in the job document's stage error).</summary>
public static class FetchErrorCodes
{
    public const string PackageJsonMissing = "PackageJsonMissing";
    public const string PackageJsonInvalid = "PackageJsonInvalid";
    public const string BuildScriptMissing = "BuildScriptMissing";
    public const string LockfileMissing = "LockfileMissing";
    public const string PackageManagerUnsupported = "PackageManagerUnsupported";
    public const string SourceMissing = "SourceMissing";
    public const string SourceChanged = "SourceChanged";
    public const string SourceTooLarge = "SourceTooLarge";
    public const string SourceSizeMismatch = "SourceSizeMismatch";
    public const string SourceChecksumMismatch = "SourceChecksumMismatch";
    public const string LocalIoError = "LocalIoError";

    /// <summary>A settings file (orchestrator.json, vercel.json, netlify.toml) cannot be parsed or asks for something not allowed.</summary>
    public const string InvalidProjectSettings = "InvalidProjectSettings";

    /// <summary>Several apps in the archive and no setting choosing one.</summary>
    public const string AmbiguousProject = "AmbiguousProject";

    /// <summary>The same refusal as the coordinator's, for a request naming a bucket the deployment does not own.</summary>
    public const string BucketNotOwned = Contracts.Errors.WorkflowErrorCodes.BucketNotOwned;
}
