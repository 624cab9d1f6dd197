using System.Text.Json;

namespace Orchestrator.Functions.Build;

/// <summary>
/// A Node.js tool's version read from its package's package.json (npm, corepack, a global pnpm): the executable's
/// link is followed to the package's files. Reading runs nothing.
/// </summary>
public static class ToolVersion
{
    private const int MaxLevels = 4;

    /// <summary>The version, or "unknown" when no package.json near the executable names one.</summary>
    public static string Read(string executable)
    {
        var real = File.ResolveLinkTarget(executable, returnFinalTarget: true)?.FullName ?? executable;
        var folder = Path.GetDirectoryName(real);
        for (var level = 0; folder is not null && level < MaxLevels; level++, folder = Path.GetDirectoryName(folder))
        {
            var package = Path.Combine(folder, "package.json");
            if (File.Exists(package) && VersionIn(package) is { } version)
            {
                return version;
            }
        }

        return "unknown";
    }

    private static string? VersionIn(string package)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(package));
            return document.RootElement.TryGetProperty("version", out var version) && version.ValueKind == JsonValueKind.String ? version.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
