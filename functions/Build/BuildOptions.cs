using Orchestrator.Contracts.Settings;

namespace Orchestrator.Functions.Build;

/// <summary>Build's settings, bound from configuration section <c>Build</c> (env <c>Build__TimeoutSeconds</c>, …).</summary>
public sealed class BuildOptions : ISettings
{
    public const string SectionName = "Build";

    /// <summary>Bucket for job objects and the dependency cache. Falls back to <c>ORCHESTRATOR_BUCKET</c>.</summary>
    public string Bucket { get; set; } = string.Empty;

    /// <summary>Time limit for install plus build; keep it below the function's own timeout so the stage can report.</summary>
    public int TimeoutSeconds { get; set; } = 600;

    /// <summary>The function's own timeout (from <c>ORCHESTRATOR_FUNCTION_TIMEOUT_SECONDS</c>), 0 when unknown.</summary>
    public int FunctionTimeoutSeconds { get; set; }

    /// <summary>Time kept after the build's limit for uploading the output and the log and reporting.</summary>
    public const int ReportingMarginSeconds = 30;

    /// <summary>Whether a build script's non-zero exit is worth retrying (flaky builds); default no.</summary>
    public bool RetryScriptFailures { get; set; }

    /// <summary>Whether a failed install is retried (a registry hiccup); default yes.</summary>
    public bool RetryInstallFailures { get; set; } = true;

    /// <summary>Bytes of log kept from the start and from the end; the middle of a longer log is cut.</summary>
    public int LogHeadBytes { get; set; } = 64 * 1024;

    public int LogTailBytes { get; set; } = 192 * 1024;

    /// <summary>How often the running log is re-uploaded for an operator watching.</summary>
    public int LogUploadIntervalSeconds { get; set; } = 5;

    /// <summary>Output folder relative to the project; when empty the first of dist, build, out that exists.</summary>
    public string OutputDirectory { get; set; } = string.Empty;

    /// <summary>NODE_ENV for the build script.</summary>
    public string NodeEnv { get; set; } = "production";

    /// <summary>Extra variables for the build (e.g. VITE_API_URL). Credential-like names are refused at start.</summary>
    public Dictionary<string, string> Environment { get; set; } = [];

    /// <summary>
    /// First uid (and gid) of the range builds run as when the function runs as root: each running build has one of
    /// its own. Keep the range free of real users (the default is above any distribution's and container's).
    /// </summary>
    public int ChildUidRangeStart { get; set; } = 100_000;

    /// <summary>How many uids the range holds: at least the builds an instance (or a machine) runs at once.</summary>
    public int ChildUidRangeCount { get; set; } = 1000;

    /// <summary>
    /// Processes and threads a build's uid may have at once (RLIMIT_NPROC; Node.js runs about ten threads per
    /// process). Bounds a fork bomb to the build's own uid, so the function can still start the kill.
    /// </summary>
    public int MaxProcesses { get; set; } = 4096;

    /// <summary>Where the per-uid lock files live; one folder per machine, so every process on it sees the same claims.</summary>
    public string IdentityLockFolder { get; set; } = Path.Combine(Path.GetTempPath(), "orchestrator-build-identities");

    /// <summary>The world-writable folders a build could write to outside its work folder: counted in its disk use and cleaned after it.</summary>
    public List<string> SharedWritableFolders { get; set; } = ["/tmp", "/var/tmp", "/dev/shm", "/dev/mqueue", "/run/lock"];

    /// <summary>Where workspaces are unpacked: under it, a folder of the function's (<c>orchestrator-builds</c>) holds one folder per build.</summary>
    public string WorkRoot { get; set; } = Path.GetTempPath();

    /// <summary>
    /// Disk a build may hold (work folder with node_modules, its files in the shared folders); over it the build is
    /// killed and fails <c>DiskLimitExceeded</c>. Unset: 80 % of the function's disk (<see cref="FunctionDiskMegabytes"/>),
    /// or <see cref="DefaultDiskLimitMegabytes"/> when that is unknown.
    /// </summary>
    public int? DiskLimitMegabytes { get; set; }

    /// <summary>The function's own disk (<c>diskSize</c> in s.yaml, from <c>ORCHESTRATOR_FUNCTION_DISK_MEGABYTES</c>), 0 when unknown.</summary>
    public int FunctionDiskMegabytes { get; set; }

    /// <summary>The environment variable s.yaml sets to the function's <c>diskSize</c>.</summary>
    public const string FunctionDiskSetting = "ORCHESTRATOR_FUNCTION_DISK_MEGABYTES";

    /// <summary>80 % of FC's 10 GiB disk, the budget when neither the limit nor the function's disk is set.</summary>
    public const int DefaultDiskLimitMegabytes = 8192;

    /// <summary>How often the build's disk use is measured at least (the walk's own cost can space it further).</summary>
    public int DiskCheckIntervalMilliseconds { get; set; } = 2000;

    public long DiskLimitBytes => (DiskLimitMegabytes ?? (FunctionDiskMegabytes > 0 ? FunctionDiskMegabytes * 4 / 5 : DefaultDiskLimitMegabytes)) * (1L << 20);

    /// <summary>
    /// The npm registry installs use (npm_config_registry for npm and pnpm, yarn's own settings, corepack's downloads
    /// of pnpm and yarn), e.g. https://registry.npmmirror.com; empty for each tool's default (npm's registry).
    /// </summary>
    public string Registry { get; set; } = string.Empty;

    /// <summary>
    /// Whether corepack checks npm's signatures on the pnpm or yarn it downloads. A mirror or in-house proxy that does
    /// not serve them needs false (COREPACK_INTEGRITY_KEYS=0); the tarball's integrity hash is checked either way.
    /// </summary>
    public bool VerifyPackageManagerSignatures { get; set; } = true;

    /// <summary>Extra folders searched for node before PATH and FC's usual ones (tests, custom layers, several Node.js versions).</summary>
    public List<string> NodeSearchPaths { get; set; } = [];

    /// <summary>Throws <see cref="InvalidSettingException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (FindProblem() is var (setting, problem))
        {
            throw new InvalidSettingException(setting, $"{setting} {problem}");
        }
    }

    private (string Setting, string Problem)? FindProblem() =>
        string.IsNullOrWhiteSpace(Bucket) ? ("ORCHESTRATOR_BUCKET", "is not set: set it (or Build:Bucket) to the job bucket.")
        : TimeoutSeconds <= 0 ? ("Build:TimeoutSeconds", "must be positive.")
        : FunctionTimeoutSeconds > 0 && TimeoutSeconds > FunctionTimeoutSeconds - ReportingMarginSeconds
            ? ("Build:TimeoutSeconds", $"({TimeoutSeconds}) must stay at least {ReportingMarginSeconds} s below the function's timeout ({FunctionTimeoutSeconds} s), so a killed build is still reported.")
        : LogHeadBytes <= 0 ? ("Build:LogHeadBytes", "must be positive.")
        : LogTailBytes <= 0 ? ("Build:LogTailBytes", "must be positive.")
        : LogUploadIntervalSeconds <= 0 ? ("Build:LogUploadIntervalSeconds", "must be positive.")
        : ChildUidRangeStart <= 0 || ChildUidRangeCount <= 0 || ChildUidRangeStart > int.MaxValue - ChildUidRangeCount
            ? ("Build:ChildUidRangeStart", "and Build:ChildUidRangeCount must name a range of unprivileged uids (start above 0, count at least 1).")
        : MaxProcesses < 64 ? ("Build:MaxProcesses", "must be at least 64 (npm and node alone run dozens of threads).")
        : string.IsNullOrWhiteSpace(IdentityLockFolder) || !Path.IsPathRooted(IdentityLockFolder) ? ("Build:IdentityLockFolder", "must be an absolute path.")
        : DiskLimitMegabytes <= 0 ? ("Build:DiskLimitMegabytes", "must be positive.")
        : FunctionDiskMegabytes > 0 && DiskLimitBytes >= FunctionDiskMegabytes * (1L << 20)
            ? ("Build:DiskLimitMegabytes", $"({DiskLimitMegabytes}) must stay below the function's disk ({FunctionDiskMegabytes} MB), so a full build still leaves room to report.")
        : DiskCheckIntervalMilliseconds <= 0 ? ("Build:DiskCheckIntervalMilliseconds", "must be positive.")
        : OutputDirectory.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(OutputDirectory) ? ("Build:OutputDirectory", "must be a relative path inside the project.")
        : Registry.Length > 0 && !(Uri.TryCreate(Registry, UriKind.Absolute, out var registry) && registry.Scheme is "http" or "https" && registry.UserInfo.Length == 0)
            ? ("Build:Registry", "must be an http(s) URL without credentials, such as https://registry.npmmirror.com.")
        : Environment.Keys.FirstOrDefault(BuildEnvironment.IsForbidden) is { } name ? ($"Build:Environment:{name}", "is not allowed: credentials and FC variables never reach the build.")
        : null;
}
