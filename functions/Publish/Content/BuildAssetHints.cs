using System.Text.Json;

namespace Orchestrator.Functions.Publish.Content;

/// <summary>
/// What the build itself says about its output's names, read before the name heuristic is asked: folders whose
/// frameworks document every file in them as immutable (a new build writes new paths), and the files Vite's
/// manifest (<c>.vite/manifest.json</c>, written with <c>build.manifest</c>) lists as emitted with a hash.
/// </summary>
public sealed class BuildAssetHints
{
    /// <summary>Next.js's <c>_next/static/</c> and SvelteKit's <c>_app/immutable/</c>.</summary>
    public static readonly IReadOnlyList<string> ImmutableFolders = ["_next/static/", "_app/immutable/"];

    public const string ViteManifestPath = ".vite/manifest.json";

    public static readonly BuildAssetHints None = new(new HashSet<string>(StringComparer.Ordinal));

    private readonly IReadOnlySet<string> _declaredHashed;

    private BuildAssetHints(IReadOnlySet<string> declaredHashed) => _declaredHashed = declaredHashed;

    public bool InImmutableFolder(string path) =>
        ImmutableFolders.Any(folder => path.StartsWith(folder, StringComparison.Ordinal) || path.Contains("/" + folder, StringComparison.Ordinal));

    public bool DeclaredHashed(string path) => _declaredHashed.Contains(path);

    /// <summary>
    /// Reads the hints of the output in <paramref name="directory"/>. A manifest that is not Vite's shape is
    /// ignored (the build's own file, not ours to judge), never an error.
    /// </summary>
    public static async Task<BuildAssetHints> ReadAsync(string directory, CancellationToken cancellationToken)
    {
        var manifest = Path.Combine(directory, ViteManifestPath);
        if (!File.Exists(manifest))
        {
            return None;
        }

        try
        {
            await using var stream = File.OpenRead(manifest);
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
            return new BuildAssetHints(ViteManifestFiles(document.RootElement));
        }
        catch (JsonException)
        {
            return None;
        }
    }

    // Each chunk entry names its own file, and the css and assets it pulled in: {"src/main.tsx":{"file":"assets/index-C1x.js","css":[…],"assets":[…]}}.
    private static HashSet<string> ViteManifestFiles(JsonElement root)
    {
        var files = new HashSet<string>(StringComparer.Ordinal);
        if (root.ValueKind != JsonValueKind.Object)
        {
            return files;
        }

        foreach (var chunk in root.EnumerateObject().Where(c => c.Value.ValueKind == JsonValueKind.Object))
        {
            if (chunk.Value.TryGetProperty("file", out var file) && file.ValueKind == JsonValueKind.String)
            {
                files.Add(file.GetString()!);
            }

            foreach (var list in new[] { "css", "assets" })
            {
                if (chunk.Value.TryGetProperty(list, out var names) && names.ValueKind == JsonValueKind.Array)
                {
                    files.UnionWith(names.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.String).Select(n => n.GetString()!));
                }
            }
        }

        return files;
    }
}
