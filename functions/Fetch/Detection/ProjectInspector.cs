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

    /// <exception cref="StageFailedException">Non-retryable: no or invalid package.json, no build script, no lockfile for declared dependencies.</exception>
    public static ProjectInfo Inspect(string root, InspectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var projectDirectory = FindProjectDirectory(root)
            ?? throw Fail(FetchErrorCodes.PackageJsonMissing, "No package.json found at the archive's root (or in a folder up to three levels down, outside node_modules).");
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

            var buildCommand = StringAt(package, "scripts", settings.BuildScript)
                ?? throw Fail(FetchErrorCodes.BuildScriptMissing, $"package.json has no \"{settings.BuildScript}\" script.");
            var (declared, declaredVersion) = ParsePackageManagerField(StringAt(package, "packageManager"));
            var lockfile = Lockfiles.Known.FirstOrDefault(l => (declared is null || l.Manager == declared) && File.Exists(Path.Combine(projectDirectory, l.File)));
            var manager = declared ?? lockfile.Manager ?? "npm";
            // With a lockfile the frozen install runs even for zero packages: it is what proves the lockfile matches.
            var installRequired = lockfile.File is not null;
            if (HasDependencies(package) && lockfile.File is null)
            {
                throw Fail(FetchErrorCodes.LockfileMissing, $"The project declares dependencies but has no {manager} lockfile; a frozen-lockfile install needs one.");
            }

            var nodeVersion = StringAt(package, "engines", "node");
            var nodeMajor = NodeMajor.FromRange(nodeVersion) ?? settings.DefaultNodeMajor;
            var cacheKey = lockfile.File is null
                ? null
                : CacheKey.Compute(File.ReadAllBytes(Path.Combine(projectDirectory, lockfile.File)), manager, nodeMajor, settings.Platform);
            var projectPath = Path.GetRelativePath(root, projectDirectory) is var relative && relative == "." ? string.Empty : relative.Replace('\\', '/');
            return new ProjectInfo(projectPath, manager, declaredVersion, lockfile.File, installRequired, nodeVersion, nodeMajor, settings.BuildScript, buildCommand, cacheKey, settings.Platform);
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

    /// <summary>The root when it holds package.json, else the shallowest folder that does (ordinal order breaks ties).</summary>
    private static string? FindProjectDirectory(string root)
    {
        var level = new List<string> { root };
        for (var depth = 0; depth <= MaxSearchDepth && level.Count > 0; depth++)
        {
            var found = level.Where(d => File.Exists(Path.Combine(d, "package.json"))).Order(StringComparer.Ordinal).FirstOrDefault();
            if (found is not null)
            {
                return found;
            }

            level = level
                .SelectMany(Directory.EnumerateDirectories)
                .Where(d => Path.GetFileName(d) != "node_modules" && new FileInfo(d).LinkTarget is null)
                .ToList();
        }

        return null;
    }

    private static StageFailedException Fail(string code, string message) => new(code, message, retryable: false);
}
