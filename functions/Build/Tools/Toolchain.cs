using System.Globalization;
using System.Text.RegularExpressions;
using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Jobs;

namespace Orchestrator.Functions.Build;

/// <summary>
/// The Node.js and package manager one build runs with, the settings they get (registry, corepack's folder), and
/// the shim that lets the project's scripts call the manager by name.
/// </summary>
public sealed partial class Toolchain
{
    /// <summary>Where corepack fetches managers from when no registry is configured (npm's own: it also serves yarn 2+).</summary>
    public const string DefaultRegistry = "https://registry.npmjs.org";

    private Toolchain(NodeChoice node, PackageManagerPlan manager)
    {
        Node = node;
        Manager = manager;
    }

    public NodeChoice Node { get; }

    public PackageManagerPlan Manager { get; }

    /// <summary>What the dependency cache key adds to Fetch's: installs by another Node.js major or manager version may differ.</summary>
    public string CacheIdentity => string.Create(CultureInfo.InvariantCulture, $"node {Node.Node.Version.Major}; {Manager.Spec}");

    /// <summary>Picks node for the project's request and the package manager for its lockfile.</summary>
    /// <exception cref="StageFailedException">NodeMissing, NodeVersionUnavailable, NodeVersionInvalid, PackageManagerMissing, PackageManagerInvalid.</exception>
    public static async Task<Toolchain> ChooseAsync(BuildOptions options, WorkspaceManifest manifest, string project)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(manifest);
        if (manifest.PackageManagerVersion is { } declared && !PlainVersion().IsMatch(declared))
        {
            throw new StageFailedException(BuildErrorCodes.PackageManagerInvalid, $"packageManager in package.json names {manifest.PackageManager} version '{declared}', which is not a plain version such as 9.15.9.", retryable: false);
        }

        var path = Environment.GetEnvironmentVariable("PATH");
        var node = NodeChoice.Pick(await NodeLocator.FindAllAsync(options.NodeSearchPaths, path), NodeRequest.Read(project, manifest.NodeVersion));
        return new Toolchain(node, PackageManagers.Choose(manifest, project, node.Node.Bin, path));
    }

    /// <summary>
    /// Variables for every command: the registry for each manager and corepack (and whether it checks signatures), corepack kept to
    /// <paramref name="corepackHome"/> and silent, yarn 2+'s cache inside the project (so the dependency cache holds
    /// what its install made) and no telemetry.
    /// </summary>
    public static Dictionary<string, string> Variables(BuildOptions options, string corepackHome)
    {
        ArgumentNullException.ThrowIfNull(options);
        var registry = options.Registry;
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["COREPACK_HOME"] = corepackHome,
            ["COREPACK_ENABLE_DOWNLOAD_PROMPT"] = "0",
            ["COREPACK_ENABLE_AUTO_PIN"] = "0",
            ["COREPACK_ENABLE_STRICT"] = "0",
            ["COREPACK_NPM_REGISTRY"] = string.IsNullOrEmpty(registry) ? DefaultRegistry : registry.TrimEnd('/'),
            ["YARN_ENABLE_GLOBAL_CACHE"] = "false",
            ["YARN_ENABLE_TELEMETRY"] = "0",
        };
        if (!options.VerifyPackageManagerSignatures)
        {
            variables["COREPACK_INTEGRITY_KEYS"] = "0";
        }

        if (!string.IsNullOrEmpty(registry))
        {
            variables["npm_config_registry"] = registry;
            variables["YARN_REGISTRY"] = registry;
            variables["YARN_NPM_REGISTRY_SERVER"] = registry.TrimEnd('/');
        }

        return variables;
    }

    /// <summary>
    /// Writes <c>pnpm</c> or <c>yarn</c> into <paramref name="folder"/> running the chosen version through corepack,
    /// for scripts that call the manager by name; null when the manager needs none (npm, or one found installed).
    /// </summary>
    public string? WriteShim(string folder)
    {
        if (!Manager.ViaCorepack)
        {
            return null;
        }

        Directory.CreateDirectory(folder);
        var shim = Path.Combine(folder, Manager.Name);

        // Program and spec are the function's: a system path and a version checked against PlainVersion.
        File.WriteAllText(shim, $"#!/bin/sh\nexec '{Manager.Program}' '{Manager.Spec}' \"$@\"\n");
        File.SetUnixFileMode(shim, (UnixFileMode)0b111_101_101);
        return folder;
    }

    [GeneratedRegex(@"^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex PlainVersion();
}
