namespace Orchestrator.Functions.Fetch.Detection;

/// <summary>What <see cref="ProjectInspector"/> found in an unpacked project.</summary>
public sealed record ProjectInfo(
    string ProjectPath,
    string PackageManager,
    string? PackageManagerVersion,
    string? Lockfile,
    bool InstallRequired,
    string? NodeVersion,
    int NodeMajor,
    string BuildScript,
    string BuildCommand,
    string? CacheKey,
    string Platform)
{
    /// <summary>The project's settings files, merged (<see cref="ProjectSettings.None"/> when it has none).</summary>
    public ProjectSettings Settings { get; init; } = ProjectSettings.None;

    /// <summary>Why <see cref="ProjectPath"/> is the project folder, for the log.</summary>
    public string ProjectPathReason { get; init; } = string.Empty;
}
