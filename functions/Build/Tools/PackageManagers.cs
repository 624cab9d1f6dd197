using System.Text.RegularExpressions;
using Orchestrator.Contracts.Jobs;

namespace Orchestrator.Functions.Build;

/// <summary>
/// Chooses how the package manager runs. npm is the one beside node. pnpm and yarn come through corepack (shipped
/// with Node.js 16.9 to 24): the version package.json's <c>packageManager</c> names, else the one the lockfile's
/// format belongs to, pinned below; without corepack, a pnpm or yarn installed beside node or on PATH.
/// </summary>
public static partial class PackageManagers
{
    /// <summary>pnpm for lockfile format 9 (pnpm 9 and 10 write it; 9 still runs dependencies' install scripts).</summary>
    public const string Pnpm9 = "9.15.9";

    /// <summary>pnpm for lockfile formats 6.x.</summary>
    public const string Pnpm8 = "8.15.9";

    /// <summary>pnpm for lockfile format 5.x.</summary>
    public const string Pnpm7 = "7.33.7";

    /// <summary>The last yarn 1 ("classic"), for a <c># yarn lockfile v1</c>.</summary>
    public const string YarnClassic = "1.22.22";

    /// <summary>yarn for a berry lockfile (<c>__metadata:</c>) whose format is 8 or more.</summary>
    public const string Yarn4 = "4.5.3";

    /// <summary>yarn for berry lockfile formats 6 and 7.</summary>
    public const string Yarn3 = "3.8.7";

    /// <summary>The plan for <paramref name="manifest"/>'s manager in <paramref name="project"/>.</summary>
    /// <exception cref="Contracts.Errors.StageFailedException">Non-retryable <c>PackageManagerMissing</c>.</exception>
    public static PackageManagerPlan Choose(WorkspaceManifest manifest, string project, string nodeBin, string? path)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var name = manifest.PackageManager;
        if (name == "npm")
        {
            var npm = NodeLocator.FindTool("npm", nodeBin, path);
            return new PackageManagerPlan(name, ToolVersion.Read(npm), npm, [], "npm (package-lock.json or no lockfile), the one beside node");
        }

        var (version, reason) = manifest.PackageManagerVersion is { Length: > 0 } declared
            ? (declared, $"packageManager in package.json names {name}@{declared}")
            : Pinned(name, manifest.Lockfile is null ? null : Path.Combine(project, manifest.Lockfile));
        if (NodeLocator.FindToolOrNull("corepack", nodeBin, path) is { } corepack)
        {
            return new PackageManagerPlan(name, version, corepack, [$"{name}@{version}"], $"{reason}; fetched by corepack {ToolVersion.Read(corepack)}");
        }

        var installed = NodeLocator.FindTool(name, nodeBin, path);
        return new PackageManagerPlan(name, ToolVersion.Read(installed), installed, [], $"{reason}, but this Node.js has no corepack: the {name} installed at {installed} runs instead");
    }

    private static (string Version, string Reason) Pinned(string name, string? lockfile)
    {
        var head = lockfile is not null && File.Exists(lockfile) ? Head(lockfile) : string.Empty;
        if (name == "pnpm")
        {
            var format = PnpmFormat().Match(head) is { Success: true } m ? m.Groups[1].Value : "none";
            var version = format switch
            {
                _ when format.StartsWith("5.", StringComparison.Ordinal) => Pnpm7,
                _ when format.StartsWith("6.", StringComparison.Ordinal) => Pnpm8,
                _ => Pnpm9,
            };
            return (version, $"pnpm-lock.yaml (lockfileVersion {format}) and no packageManager in package.json: pnpm {version}, pinned for that format");
        }

        var berry = BerryFormat().Match(head);
        if (!berry.Success)
        {
            return (YarnClassic, $"yarn.lock in yarn 1's format and no packageManager in package.json: yarn {YarnClassic}, pinned");
        }

        var berryVersion = int.Parse(berry.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 8 ? Yarn4 : Yarn3;
        return (berryVersion, $"yarn.lock in yarn berry's format (version {berry.Groups[1].Value}) and no packageManager in package.json: yarn {berryVersion}, pinned for that format");
    }

    /// <summary>The lockfile's first 4 KB: its format is declared at its top.</summary>
    private static string Head(string file)
    {
        using var reader = new StreamReader(file);
        var buffer = new char[4096];
        return new string(buffer, 0, reader.ReadBlock(buffer, 0, buffer.Length));
    }

    [GeneratedRegex(@"^lockfileVersion:\s*'?([0-9.]+)", RegexOptions.Multiline | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex PnpmFormat();

    [GeneratedRegex(@"^__metadata:\s*\n\s+version:\s*([0-9]+)", RegexOptions.Multiline | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex BerryFormat();
}
