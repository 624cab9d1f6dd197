using System.Text.Json;
using Orchestrator.Contracts.Errors;

namespace Orchestrator.Functions.Fetch.Detection;

/// <summary>
/// Reads an unpacked project: where package.json is, which package manager (lockfile and the
/// <c>packageManager</c> field), which Node.js, which build script, and the dependency-cache key.
/// </summary>
public static class ProjectInspector
{
    private const int MaxPackageJsonBytes = 1 << 20;
    private const int MaxSearchDepth = 3;

    /// <exception cref="StageFailedException">
    /// Non-retryable: no or invalid package.json, no build script, no lockfile for declared dependencies, a settings
    /// file that cannot be used, or several apps and no setting choosing one.
    /// </exception>
    public static ProjectInfo Inspect(string root, InspectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var (projectDirectory, project, reason) = ChooseProject(root);
        var packageJsonPath = Path.Combine(projectDirectory, "package.json");
        if (new FileInfo(packageJsonPath).Length > MaxPackageJsonBytes)
        {
            throw Fail(FetchErrorCodes.PackageJsonInvalid, "package.json is larger than 1 MiB.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(packageJsonPath), new JsonDocumentOptions { AllowTrailingCommas = false, MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw Fail(FetchErrorCodes.PackageJsonInvalid, "package.json is not valid JSON: " + ex.Message);
        }

        using (document)
        {
            var package = document.RootElement;
            if (package.ValueKind != JsonValueKind.Object)
            {
                throw Fail(FetchErrorCodes.PackageJsonInvalid, "package.json is not a JSON object.");
            }

            var buildCommand = project.BuildCommand ?? StringAt(package, "scripts", settings.BuildScript)
                ?? throw Fail(FetchErrorCodes.BuildScriptMissing, $"package.json has no \"{settings.BuildScript}\" script (or set buildCommand in orchestrator.json).");
            var (declared, declaredVersion) = ParsePackageManagerField(project.PackageManager ?? StringAt(package, "packageManager"));
            var lockfile = Lockfiles.Known.FirstOrDefault(l => (declared is null || l.Manager == declared) && File.Exists(Path.Combine(projectDirectory, l.File)));
            var manager = declared ?? lockfile.Manager ?? "npm";
            // With a lockfile the frozen install runs even for zero packages: it is what proves the lockfile matches.
            var installRequired = lockfile.File is not null || project.InstallCommand is not null;
            if (HasDependencies(package) && lockfile.File is null && project.InstallCommand is null)
            {
                throw Fail(FetchErrorCodes.LockfileMissing, $"The project declares dependencies but has no {manager} lockfile; a frozen-lockfile install needs one.");
            }

            var nodeVersion = project.NodeVersion ?? StringAt(package, "engines", "node");
            var nodeMajor = NodeMajor.FromRange(nodeVersion) ?? settings.DefaultNodeMajor;
            var cacheKey = lockfile.File is null
                ? null
                : CacheKey.Compute(File.ReadAllBytes(Path.Combine(projectDirectory, lockfile.File)), CacheKey.Installer(manager, project.InstallCommand), nodeMajor, settings.Platform);
            var projectPath = Relative(root, projectDirectory);
            return new ProjectInfo(projectPath, manager, declaredVersion, lockfile.File, installRequired, nodeVersion, nodeMajor, settings.BuildScript, buildCommand, cacheKey, settings.Platform)
            {
                Settings = project,
                ProjectPathReason = reason,
            };
        }
    }

    /// <summary>"pnpm@8.15.0+sha512.…" → (pnpm, 8.15.0).</summary>
    private static (string? Manager, string? Version) ParsePackageManagerField(string? field)
    {
        if (string.IsNullOrWhiteSpace(field))
        {
            return (null, null);
        }

        var at = field.IndexOf('@', StringComparison.Ordinal);
        var name = at < 0 ? field : field[..at];
        if (!Lockfiles.Managers.Contains(name))
        {
            throw Fail(FetchErrorCodes.PackageManagerUnsupported, $"package.json asks for package manager '{field}'; supported are npm, pnpm and yarn.");
        }

        var version = at < 0 ? null : field[(at + 1)..].Split('+')[0];
        return (name, string.IsNullOrEmpty(version) ? null : version);
    }

    private static bool HasDependencies(JsonElement package) =>
        new[] { "dependencies", "devDependencies", "optionalDependencies" }.Any(name =>
            package.TryGetProperty(name, out var deps) && deps.ValueKind == JsonValueKind.Object && deps.EnumerateObject().Any());

    private static string? StringAt(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }

    /// <summary>
    /// The project folder, the settings that apply to it and why it was chosen: the base a settings file at the root
    /// names; else the root when it holds package.json; else the one shallowest folder that does (its own settings
    /// files then apply, below the root's). Several at that depth is <c>AmbiguousProject</c>: a silent pick would build
    /// the wrong app.
    /// </summary>
    private static (string Directory, ProjectSettings Settings, string Reason) ChooseProject(string root)
    {
        var rootSettings = ProjectSettingsLoader.Load(root, string.Empty);
        if (rootSettings.BaseDirectory is { } chosen)
        {
            var folder = Path.GetFullPath(Path.Combine(root, chosen));
            if (!File.Exists(Path.Combine(folder, "package.json")))
            {
                throw Fail(FetchErrorCodes.PackageJsonMissing, $"{rootSettings.Files[0]} names base folder '{chosen}', but it holds no package.json.");
            }

            return (folder, Below(folder, root, rootSettings), $"base '{chosen}' from {string.Join(", ", rootSettings.Files)}");
        }

        if (File.Exists(Path.Combine(root, "package.json")))
        {
            return (root, rootSettings, "package.json at the archive's root");
        }

        var found = FindProjectDirectories(root);
        return found.Count switch
        {
            0 => throw Fail(FetchErrorCodes.PackageJsonMissing, "No package.json found at the archive's root (or in a folder up to three levels down, outside node_modules)."),
            1 => (found[0], Below(found[0], root, rootSettings), "the only folder holding package.json"),
            _ => throw Fail(
                FetchErrorCodes.AmbiguousProject,
                $"The archive holds several apps ({string.Join(", ", found.Select(f => Relative(root, f)))}) and no setting choosing one: "
                + "set \"base\" in orchestrator.json (or base in netlify.toml's [build]) at the archive's root."),
        };
    }

    // A project folder below the root may carry its own settings files; the root's win where both say something.
    private static ProjectSettings Below(string folder, string root, ProjectSettings rootSettings) =>
        folder == root ? rootSettings : rootSettings.Over(ProjectSettingsLoader.Load(folder, Relative(root, folder)));

    private static string Relative(string root, string folder) =>
        Path.GetRelativePath(root, folder) is var relative && relative == "." ? string.Empty : relative.Replace('\\', '/');

    /// <summary>The folders holding package.json at the shallowest depth that has any (ordinal order).</summary>
    private static List<string> FindProjectDirectories(string root)
    {
        var level = new List<string> { root };
        for (var depth = 0; depth <= MaxSearchDepth && level.Count > 0; depth++)
        {
            var found = level.Where(d => File.Exists(Path.Combine(d, "package.json"))).Order(StringComparer.Ordinal).ToList();
            if (found.Count > 0)
            {
                return found;
            }

            level = level
                .SelectMany(Directory.EnumerateDirectories)
                .Where(d => Path.GetFileName(d) != "node_modules" && new FileInfo(d).LinkTarget is null)
                .ToList();
        }

        return [];
    }

    private static StageFailedException Fail(string code, string message) => new(code, message, retryable: false);
}
