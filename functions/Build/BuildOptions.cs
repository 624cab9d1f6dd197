namespace Orchestrator.Functions.Build;

/// <summary>Build's settings, bound from configuration section <c>Build</c> (env <c>Build__TimeoutSeconds</c>, …).</summary>
public sealed class BuildOptions
{
    public const string Section = "Build";

    /// <summary>Bucket for job objects and the dependency cache. Falls back to <c>ORCHESTRATOR_BUCKET</c>.</summary>
    public string Bucket { get; set; } = string.Empty;

    /// <summary>Time limit for install plus build; keep it below the function's own timeout so the stage can report.</summary>
    public int TimeoutSeconds { get; set; } = 600;

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

    /// <summary>Unprivileged identity for child processes when the function runs as root.</summary>
    public int ChildUid { get; set; } = 65534;

    public int ChildGid { get; set; } = 65534;

    /// <summary>Where workspaces are unpacked; a fresh folder per run is made under it.</summary>
    public string WorkRoot { get; set; } = Path.GetTempPath();

    /// <summary>Extra folders searched for node before FC's usual ones (tests, custom layers).</summary>
    public List<string> NodeSearchPaths { get; set; } = [];

    /// <summary>The first bad setting, named, or null when all are usable.</summary>
    public string? FindProblem() =>
        string.IsNullOrWhiteSpace(Bucket) ? "Build:Bucket (or ORCHESTRATOR_BUCKET) must name the job bucket."
        : TimeoutSeconds <= 0 ? "Build:TimeoutSeconds must be positive."
        : LogHeadBytes <= 0 || LogTailBytes <= 0 ? "Build:LogHeadBytes and Build:LogTailBytes must be positive."
        : LogUploadIntervalSeconds <= 0 ? "Build:LogUploadIntervalSeconds must be positive."
        : ChildUid <= 0 || ChildGid <= 0 ? "Build:ChildUid and Build:ChildGid must name an unprivileged user."
        : OutputDirectory.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(OutputDirectory) ? "Build:OutputDirectory must be a relative path inside the project."
        : Environment.Keys.FirstOrDefault(BuildEnvironment.IsForbidden) is { } name ? $"Build:Environment:{name} is not allowed: credentials and FC variables never reach the build."
        : null;
}
