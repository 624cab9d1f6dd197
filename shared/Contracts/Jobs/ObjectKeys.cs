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

    /// <summary>
    /// The stored outcome (<see cref="Jobs.StageResult"/>) of one attempt of a stage, written create-only by the stage
    /// before it reports: the report may be lost on its way, the result is not.
    /// </summary>
    public static string StageResult(string jobId, StageName stage, int attempt) =>
        $"jobs/{jobId}/{Lower(stage)}/results/{attempt.ToString(CultureInfo.InvariantCulture)}.json";

    /// <summary>
    /// The due index: one empty object per thing the coordinator must look at by a given time (a stage deadline, a
    /// retry, a stored result whose report may be lost). The time comes first in the key, so a listing is in time order
    /// and a listing up to now is exactly what is due.
    /// </summary>
    public const string DuePrefix = "index/due/";

    /// <summary>The kind of the due marker a stage writes beside its stored result (the coordinator's own are its timers' kinds).</summary>
    public const string ResultKind = "result";

    /// <summary>The format of <see cref="DueTime"/>: fixed width, so text order is time order.</summary>
    public const string DueTimeFormat = "yyyyMMdd'T'HHmmss";

    /// <summary><c>index/due/&lt;yyyyMMddTHHmmss&gt;/&lt;name&gt;</c>: <paramref name="at"/> in UTC, rounded up to the second, so a marker is never listed before its time.</summary>
    public static string DueMarker(DateTimeOffset at, string name) => $"{DuePrefix}{DueTime(at)}/{name}";

    /// <summary>The time part of a due marker, as <see cref="DueMarker"/> writes it.</summary>
    public static string DueTime(DateTimeOffset at)
    {
        var ticks = at.UtcTicks;
        var rest = ticks % TimeSpan.TicksPerSecond;
        var rounded = rest == 0 ? ticks : ticks - rest + TimeSpan.TicksPerSecond;
        return new DateTime(rounded, DateTimeKind.Utc).ToString(DueTimeFormat, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The name of something that concerns one attempt of a stage: <c>&lt;jobId&gt;.&lt;stage&gt;.&lt;attempt&gt;.&lt;kind&gt;</c>.
    /// The coordinator's message ids (request, deadline, retry) and the names of due markers have this form, so a
    /// marker names the very timer it stands for.
    /// </summary>
    public static string AttemptName(string jobId, StageName stage, int attempt, string kind) =>
        $"{jobId}.{Lower(stage)}.{attempt.ToString(CultureInfo.InvariantCulture)}.{kind}";

    public static string DependencyCache(string cacheKey) => $"cache/deps/{cacheKey}.tar.gz";

    public static string SitePrefix(string site) => $"sites/{site}/";

    public static string SiteReleasesPrefix(string site) => $"releases/{site}/";

    public static string SiteRelease(string site, string jobId) => $"releases/{site}/{jobId}.json";

    public static string SiteCurrent(string site) => $"releases/{site}/current.json";

    /// <summary>
    /// The live release's routing (<see cref="Sites.SiteRouting"/>), rewritten with every switch: what the dev cloud serves
    /// the site by. In a folder of its own, so a listing of the release manifests never meets it.
    /// </summary>
    public static string SiteRouting(string site) => $"releases/{site}/routing/live.json";

    /// <summary>The lower-case wire name of a stage ("fetch", "build", "publish").</summary>
    public static string Lower(StageName stage) => stage switch
    {
        StageName.Fetch => "fetch",
        StageName.Build => "build",
        StageName.Publish => "publish",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "unknown stage"),
    };
}
