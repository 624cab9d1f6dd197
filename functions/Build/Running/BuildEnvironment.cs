using Orchestrator.Contracts.Jobs;

namespace Orchestrator.Functions.Build;

/// <summary>
/// The build's environment, built from nothing: PATH, a private HOME and TMPDIR, CI, NODE_ENV and the configured
/// extras. Nothing is inherited, so the function's credentials and FC variables cannot leak into npm scripts.
/// </summary>
public static class BuildEnvironment
{
    /// <summary>Carries the build's random id: how its processes are found when the function cannot give it a uid of its own.</summary>
    public const string MarkerName = BuildVariableNames.Marker;

    /// <summary>Names that may never be configured: credential and platform variables, and the ones this class owns.</summary>
    public static bool IsForbidden(string name) => BuildVariableNames.IsReserved(name);

    /// <param name="binPath">The folders first on PATH, ':'-separated: node's (and npm's), the package manager's shim.</param>
    /// <param name="home">The private HOME (npm's cache and config go there).</param>
    /// <param name="tmp">The private TMPDIR.</param>
    /// <param name="nodeEnv">NODE_ENV, or null to leave it unset (installs need devDependencies).</param>
    /// <param name="extra">Configured extras (already checked by <see cref="IsForbidden"/>).</param>
    /// <param name="buildId">The build's id, as <see cref="MarkerName"/>.</param>
    public static IReadOnlyDictionary<string, string> Create(string binPath, string home, string tmp, string? nodeEnv, IReadOnlyDictionary<string, string> extra, string buildId)
    {
        ArgumentNullException.ThrowIfNull(extra);
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in extra)
        {
            if (!IsForbidden(name))
            {
                env[name] = value;
            }
        }

        env["PATH"] = string.Join(':', binPath.Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(["/usr/local/bin", "/usr/bin", "/bin"]).Distinct(StringComparer.Ordinal));
        env["HOME"] = home;
        env["TMPDIR"] = tmp;
        env[MarkerName] = buildId;
        env["CI"] = "true";
        env["LANG"] = "C.UTF-8";
        env["npm_config_update_notifier"] = "false";
        env["npm_config_fund"] = "false";
        env["npm_config_audit"] = "false";
        if (nodeEnv is not null)
        {
            env["NODE_ENV"] = nodeEnv;
        }

        return env;
    }
}
