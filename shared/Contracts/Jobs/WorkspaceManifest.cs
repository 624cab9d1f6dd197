using Orchestrator.Contracts.Sites;

namespace Orchestrator.Contracts.Jobs;

/// <summary>
/// What Fetch learned about the project (<c>jobs/&lt;id&gt;/fetch/manifest.json</c>), read by Build. Holds no time
/// or attempt, so a retried Fetch of the same upload writes the same bytes.
/// </summary>
public sealed record WorkspaceManifest
{
    public required string JobId { get; init; }

    public required string Site { get; init; }

    public required SourceObject Source { get; init; }

    /// <summary>SHA-256 (hex) of the uploaded archive's bytes.</summary>
    public required string SourceSha256 { get; init; }

    /// <summary>zip, tar.gz or tar, as recognised from the bytes.</summary>
    public required string ArchiveFormat { get; init; }

    /// <summary>Folder of package.json inside the archive ("" for its root), after any single top folder was stripped.</summary>
    public required string ProjectPath { get; init; }

    /// <summary>npm, pnpm or yarn.</summary>
    public required string PackageManager { get; init; }

    /// <summary>The version from package.json's <c>packageManager</c> field (e.g. 8.15.0), if any.</summary>
    public string? PackageManagerVersion { get; init; }

    /// <summary>The lockfile's name, or null when the project has none (then it must have no dependencies).</summary>
    public string? Lockfile { get; init; }

    /// <summary>Whether Build runs a frozen-lockfile install (the project has a lockfile).</summary>
    public required bool InstallRequired { get; init; }

    /// <summary>package.json's <c>engines.node</c> range, if any.</summary>
    public string? NodeVersion { get; init; }

    /// <summary>The Node.js major version the cache key was computed for.</summary>
    public required int NodeMajor { get; init; }

    /// <summary>Name of the script Build runs (usually "build").</summary>
    public required string BuildScript { get; init; }

    /// <summary>The script's command line, as package.json has it.</summary>
    public required string BuildCommand { get; init; }

    /// <summary>Dependency-cache key: SHA-256 of lockfile, package manager, Node.js major and platform; null without a lockfile.</summary>
    public string? CacheKey { get; init; }

    /// <summary>The platform the cache key names (e.g. linux-x64).</summary>
    public required string Platform { get; init; }

    /// <summary>
    /// A shell command from the project's settings that replaces the frozen-lockfile install, run in the project folder
    /// with <c>node_modules/.bin</c> on PATH; null to install as detected.
    /// </summary>
    public string? CustomInstallCommand { get; init; }

    /// <summary>A shell command from the project's settings that replaces <c>run &lt;script&gt;</c>; null to run the script.</summary>
    public string? CustomBuildCommand { get; init; }

    /// <summary>The output folder from the project's settings, relative to the project folder; null to look for dist, build, out.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>The build's environment variables from the project's settings (no reserved name: see <see cref="BuildVariableNames"/>).</summary>
    public IReadOnlyDictionary<string, string>? BuildEnvironment { get; init; }

    /// <summary>The site's routing and headers from the project's settings, which Publish stores with the release.</summary>
    public SiteRouting? Routing { get; init; }

    /// <summary>The settings files read, in the order they win (orchestrator.json, vercel.json, netlify.toml); empty when none.</summary>
    public IReadOnlyList<string>? SettingsFiles { get; init; }

    /// <summary>Files in the workspace and their total size.</summary>
    public required int Files { get; init; }

    public required long Bytes { get; init; }

    /// <summary>SHA-256 (hex) of the workspace tar.gz object.</summary>
    public required string WorkspaceSha256 { get; init; }
}
