using System.ComponentModel.DataAnnotations;
using Orchestrator.Contracts.Settings;

namespace Orchestrator.Functions.Publish.Options;

/// <summary>Settings of the Publish stage, bound from the configuration section <see cref="SectionName"/>.</summary>
public sealed class PublishOptions : ISettings
{
    public const string SectionName = "Publish";

    /// <summary>Bucket holding job records and the build output (<c>jobs/…</c>); defaults to <c>ORCHESTRATOR_BUCKET</c>.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "set it (or ORCHESTRATOR_BUCKET) to the bucket holding jobs/… and the build output.")]
    public string JobsBucket { get; set; } = "";

    /// <summary>
    /// Bucket the sites are published to (<c>sites/…</c>, <c>releases/…</c>); may differ from the jobs bucket, and
    /// defaults to <c>ORCHESTRATOR_SITE_BUCKET</c>, then to the jobs bucket.
    /// </summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "set it (or ORCHESTRATOR_SITE_BUCKET, or a jobs bucket) to the bucket sites are published to.")]
    public string SiteBucket { get; set; } = "";

    /// <summary>How many uploads/copies/deletes run at once.</summary>
    [Range(1, 256)]
    public int MaxParallelism { get; set; } = 16;

    /// <summary>How many releases stay available for rollback (the live one always counts as kept).</summary>
    [Range(1, 1000)]
    public int KeepReleases { get; set; } = 3;

    /// <summary>Cache-Control for content-hashed names such as <c>app.3f9a1c2b.js</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string HashedCacheControl { get; set; } = "public, max-age=31536000, immutable";

    /// <summary>Cache-Control for html and every name without a content hash.</summary>
    [Required(AllowEmptyStrings = false)]
    public string UnhashedCacheControl { get; set; } = "no-cache";

    /// <summary>Shortest name segment that counts as a content hash.</summary>
    [Range(6, 64)]
    public int MinHashLength { get; set; } = 8;

    /// <summary>
    /// The site's public URL reported as the stage's <c>url</c> output; <c>{site}</c> and <c>{bucket}</c> are replaced.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    public string SiteUrlTemplate { get; set; } = "oss://{bucket}/sites/{site}/";

    /// <summary>Largest build output (compressed) the stage accepts.</summary>
    [Range(1, long.MaxValue)]
    public long MaxOutputBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Most entries (files and folders) the build output may hold.</summary>
    [Range(1, 1_000_000)]
    public int MaxEntries { get; set; } = 50_000;

    /// <summary>Largest total uncompressed size of a release.</summary>
    [Range(1, long.MaxValue)]
    public long MaxTotalBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>Largest single file of a release.</summary>
    [Range(1, long.MaxValue)]
    public long MaxEntryBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Largest compression ratio of the build output, a zip-bomb defence.</summary>
    [Range(2, 100_000)]
    public double MaxCompressionRatio { get; set; } = 200;

    /// <summary>
    /// How long a site's publish lease lasts without renewal (<c>SiteLeases</c>); its holder renews it every third of
    /// this, so a holder that died frees the site this long after its last renewal.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:03", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long a publish waits for another publish or rollback of the same site before giving its message back to
    /// the queue (<c>SiteBusy</c>: delivered again later, no attempt spent).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan LeaseWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Where the output is unpacked; empty means the system temp folder.</summary>
    public string WorkDirectory { get; set; } = "";

    public void Validate() => AnnotatedSettings.Validate(this, SectionName);
}
