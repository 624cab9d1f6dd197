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
    string Platform);
