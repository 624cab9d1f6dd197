using System.Runtime.InteropServices;
using Orchestrator.Archives;
using Orchestrator.Contracts.Settings;

namespace Orchestrator.Functions.Fetch;

/// <summary>Fetch's settings, bound from configuration section <c>Fetch</c> (env <c>Fetch__Bucket</c>, …).</summary>
public sealed class FetchOptions : ISettings
{
    public const string SectionName = "Fetch";

    /// <summary>Bucket for job objects (workspace, manifest). Falls back to <c>ORCHESTRATOR_BUCKET</c>.</summary>
    public string Bucket { get; set; } = string.Empty;

    /// <summary>
    /// Buckets a source may be read from (<c>ORCHESTRATOR_SOURCE_BUCKETS</c>, as the coordinator); when empty, the job
    /// bucket alone. Checked here too, so a request forged inside the account cannot make Fetch read another bucket.
    /// </summary>
    public List<string> SourceBuckets { get; set; } = [];

    public IReadOnlyList<string> OwnedSourceBuckets => SourceBuckets.Count > 0 ? SourceBuckets : [Bucket];

    /// <summary>Largest upload accepted, in bytes (default 512 MiB).</summary>
    public long MaxSourceBytes { get; set; } = 512L << 20;

    /// <summary>Where the archive is spooled and unpacked; a fresh folder per run is made under it.</summary>
    public string WorkRoot { get; set; } = Path.GetTempPath();

    /// <summary>The package.json script Build will run.</summary>
    public string BuildScript { get; set; } = "build";

    /// <summary>The Node.js major assumed when package.json's engines name none.</summary>
    public int DefaultNodeMajor { get; set; } = 20;

    /// <summary>The platform in the dependency-cache key.</summary>
    public string Platform { get; set; } = "linux-" + RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();

    public int MaxEntries { get; set; } = ExtractionLimits.Default.MaxEntries;

    public long MaxTotalBytes { get; set; } = ExtractionLimits.Default.MaxTotalBytes;

    public long MaxEntryBytes { get; set; } = ExtractionLimits.Default.MaxEntryBytes;

    public double MaxCompressionRatio { get; set; } = ExtractionLimits.Default.MaxCompressionRatio;

    public bool StripSingleTopLevelFolder { get; set; } = true;

    public ExtractionLimits ToLimits() => ExtractionLimits.Default with
    {
        MaxEntries = MaxEntries,
        MaxTotalBytes = MaxTotalBytes,
        MaxEntryBytes = MaxEntryBytes,
        MaxCompressionRatio = MaxCompressionRatio,
        StripSingleTopLevelFolder = StripSingleTopLevelFolder,
    };

    /// <summary>Throws <see cref="InvalidSettingException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (FindProblem() is var (setting, problem))
        {
            throw new InvalidSettingException(setting, $"{setting} {problem}");
        }
    }

    private (string Setting, string Problem)? FindProblem() =>
        string.IsNullOrWhiteSpace(Bucket) ? ("ORCHESTRATOR_BUCKET", "is not set: set it (or Fetch:Bucket) to the job bucket.")
        : MaxSourceBytes <= 0 ? ("Fetch:MaxSourceBytes", "must be positive.")
        : MaxEntries <= 0 ? ("Fetch:MaxEntries", "must be positive.")
        : MaxTotalBytes <= 0 ? ("Fetch:MaxTotalBytes", "must be positive.")
        : MaxEntryBytes <= 0 ? ("Fetch:MaxEntryBytes", "must be positive.")
        : MaxCompressionRatio <= 1 ? ("Fetch:MaxCompressionRatio", "must be above 1.")
        : string.IsNullOrWhiteSpace(BuildScript) ? ("Fetch:BuildScript", "must name a script.")
        : DefaultNodeMajor <= 0 ? ("Fetch:DefaultNodeMajor", "must be positive.")
        : null;
}
