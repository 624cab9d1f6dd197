namespace Orchestrator.Functions.Build;

/// <summary>
/// How a build runs its package manager: the program (npm, corepack, or a pnpm/yarn found installed), the arguments
/// that come before every command (<c>pnpm@9.15.9</c> for corepack), its version and why it was chosen.
/// </summary>
/// <param name="Name">npm, pnpm or yarn.</param>
/// <param name="Version">The version that runs.</param>
/// <param name="Program">The executable started.</param>
/// <param name="Prefix">Arguments before each command's own.</param>
/// <param name="Reason">Why this manager and version, for the build log.</param>
public sealed record PackageManagerPlan(string Name, string Version, string Program, IReadOnlyList<string> Prefix, string Reason)
{
    /// <summary>Whether corepack fetches the manager (its downloads are cached like dependencies).</summary>
    public bool ViaCorepack => Prefix.Count > 0;

    /// <summary>Yarn 2 and later ("berry"), whose flags and settings differ from yarn 1's.</summary>
    public bool IsBerry => Name == "yarn" && !Version.StartsWith("1.", StringComparison.Ordinal);

    public string Spec => $"{Name}@{Version}";

    /// <summary>The frozen-lockfile install: it fails instead of changing the lockfile.</summary>
    public IReadOnlyList<string> InstallArguments => Name switch
    {
        "npm" => ["ci"],
        "yarn" when IsBerry => [.. Prefix, "install", "--immutable"],
        _ => [.. Prefix, "install", "--frozen-lockfile"],
    };

    public IReadOnlyList<string> RunArguments(string script) => [.. Prefix, "run", script];

    /// <summary>Asks the manager its version: run from HOME, so no setting or plugin of the project is loaded.</summary>
    public IReadOnlyList<string> VersionArguments => [.. Prefix, "--version"];
}
