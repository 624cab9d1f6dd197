namespace Orchestrator.Contracts.Jobs;

/// <summary>
/// Names of the entries a stage puts in its outputs. The coordinator passes every earlier stage's outputs on as
/// the next stage's inputs, so a retried stage reuses what the stages before it produced.
/// </summary>
public static class StageOutputKeys
{
    /// <summary>Fetch: object key of the unpacked project, archived (tar.gz).</summary>
    public const string Workspace = "workspace";

    /// <summary>Fetch: object key of the workspace manifest (package manager, node version, build script, cache key).</summary>
    public const string Manifest = "manifest";

    /// <summary>Fetch: the dependency-cache key computed from the lockfile, package manager, Node.js major and platform.</summary>
    public const string CacheKey = "cacheKey";

    /// <summary>Fetch: npm, pnpm or yarn.</summary>
    public const string PackageManager = "packageManager";

    /// <summary>Build: object key of the build output, archived (tar.gz).</summary>
    public const string Output = "output";

    /// <summary>Build: whether the dependency cache was hit ("true"/"false").</summary>
    public const string CacheHit = "cacheHit";

    /// <summary>Any stage: object key of the stage's log for this attempt.</summary>
    public const string Log = "log";

    /// <summary>Publish: the URL the site is served at.</summary>
    public const string Url = "url";

    /// <summary>Publish: number of files in the release.</summary>
    public const string Files = "files";

    /// <summary>Publish: number of files uploaded (new or changed).</summary>
    public const string Uploaded = "uploaded";

    /// <summary>Publish: number of files already live and skipped.</summary>
    public const string Skipped = "skipped";
}
