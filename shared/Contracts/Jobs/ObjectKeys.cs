using System.Globalization;

namespace Orchestrator.Contracts.Jobs;

/// <summary>
/// Where everything lives in OSS. One place, so every function and tool agrees on the layout.
/// The same inputs give the same keys, which is what makes a retried stage overwrite nothing it should not.
/// </summary>
public static class ObjectKeys
{
    /// <summary>Prefix under which uploads start jobs: <c>src/&lt;site&gt;/&lt;name&gt;.zip|.tar.gz|.tgz</c>.</summary>
    public const string SourcePrefix = "src/";

    /// <summary>Prefix of all job records.</summary>
    public const string JobsPrefix = "jobs/";

    /// <summary>Prefix of published sites.</summary>
    public const string SitesPrefix = "sites/";

    /// <summary>
    /// Newest-first index of all jobs: an empty object per job, whose name sorts by creation time descending
    /// (<paramref name="invertedTicks"/> = <c>DateTimeOffset.MaxValue.UtcTicks - createdAt.UtcTicks</c>), so a plain
    /// listing pages the newest jobs first without reading any journal.
    /// </summary>
    public static string JobIndexEntry(long invertedTicks, string jobId) =>
        $"index/jobs/{invertedTicks.ToString("D19", CultureInfo.InvariantCulture)}-{jobId}";

    public const string JobIndexPrefix = "index/jobs/";

    /// <summary>The same index per site.</summary>
    public static string SiteJobIndexEntry(string site, long invertedTicks, string jobId) =>
        $"index/sites/{site}/{invertedTicks.ToString("D19", CultureInfo.InvariantCulture)}-{jobId}";

    public static string SiteJobIndexPrefix(string site) => $"index/sites/{site}/";

    public static string JobHead(string jobId) => $"jobs/{jobId}/job.json";

    public static string JournalPrefix(string jobId) => $"jobs/{jobId}/journal/";

    public static string JournalEntry(string jobId, long seq) =>
        $"jobs/{jobId}/journal/{seq.ToString("D8", CultureInfo.InvariantCulture)}.json";

    public static string StageLog(string jobId, StageName stage, int attempt) =>
        $"jobs/{jobId}/logs/{Lower(stage)}-{attempt.ToString(CultureInfo.InvariantCulture)}.log";

    public static string Workspace(string jobId) => $"jobs/{jobId}/fetch/workspace.tar.gz";

    public static string WorkspaceManifest(string jobId) => $"jobs/{jobId}/fetch/manifest.json";

    public static string BuildOutput(string jobId) => $"jobs/{jobId}/build/output.tar.gz";

    public static string DependencyCache(string cacheKey) => $"cache/deps/{cacheKey}.tar.gz";

    public static string SitePrefix(string site) => $"sites/{site}/";

    public static string SiteReleasesPrefix(string site) => $"releases/{site}/";

    public static string SiteRelease(string site, string jobId) => $"releases/{site}/{jobId}.json";

    public static string SiteCurrent(string site) => $"releases/{site}/current.json";

    /// <summary>The lower-case wire name of a stage ("fetch", "build", "publish").</summary>
    public static string Lower(StageName stage) => stage switch
    {
        StageName.Fetch => "fetch",
        StageName.Build => "build",
        StageName.Publish => "publish",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "unknown stage"),
    };
}
