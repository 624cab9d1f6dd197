using System.Text.Json;
using System.Text.Json.Nodes;
using Tomlyn;
using Tomlyn.Model;

namespace Orchestrator.Functions.Fetch.Detection;

/// <summary>
/// Reads a folder's settings files and merges them by precedence: <c>orchestrator.json</c> over <c>vercel.json</c>
/// over <c>netlify.toml</c> (and all of them over detection). A file that is there but cannot be parsed fails the job
/// with <c>InvalidProjectSettings</c> naming it: ignoring it would build something other than what the user wrote.
/// </summary>
public static class ProjectSettingsLoader
{
    private const int MaxFileBytes = 1 << 20;

    public static readonly string[] FileNames = [OrchestratorJsonSettings.FileName, VercelJsonSettings.FileName, NetlifyTomlSettings.FileName];

    /// <summary>The merged settings of the files in <paramref name="folder"/>; <paramref name="shownFolder"/> prefixes the file names in messages.</summary>
    public static ProjectSettings Load(string folder, string shownFolder)
    {
        var merged = ProjectSettings.None;
        foreach (var name in FileNames.Reverse())
        {
            var path = Path.Combine(folder, name);
            if (!File.Exists(path) || new FileInfo(path).LinkTarget is not null)
            {
                continue;
            }

            var file = new SettingsDocument(shownFolder.Length == 0 ? name : $"{shownFolder}/{name}");
            using var document = Parse(path, file);
            var settings = name switch
            {
                OrchestratorJsonSettings.FileName => OrchestratorJsonSettings.Read(document.RootElement, file),
                VercelJsonSettings.FileName => VercelJsonSettings.Read(document.RootElement, file),
                _ => NetlifyTomlSettings.Read(document.RootElement, file),
            };
            merged = (settings with { Files = [file.File] }).Over(merged);
        }

        return merged;
    }

    private static JsonDocument Parse(string path, SettingsDocument file)
    {
        if (new FileInfo(path).Length > MaxFileBytes)
        {
            throw file.Fail("(file)", "is larger than 1 MiB");
        }

        var bytes = File.ReadAllBytes(path);
        try
        {
            return path.EndsWith(".toml", StringComparison.Ordinal)
                ? JsonDocument.Parse(ToJson(TomlSerializer.Deserialize<TomlTable>(System.Text.Encoding.UTF8.GetString(bytes)))!.ToJsonString())
                : JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw new Contracts.Errors.StageFailedException(FetchErrorCodes.InvalidProjectSettings, $"{file.File} is not valid JSON: {ex.Message}", retryable: false, ex);
        }
        catch (TomlException ex)
        {
            throw new Contracts.Errors.StageFailedException(FetchErrorCodes.InvalidProjectSettings, $"{file.File} is not valid TOML: {ex.Message}", retryable: false, ex);
        }
    }

    private static JsonNode? ToJson(object? value) => value switch
    {
        TomlTable table => new JsonObject(table.Select(p => KeyValuePair.Create(p.Key, ToJson(p.Value)))),
        TomlTableArray tables => new JsonArray([.. tables.Select(t => ToJson(t))]),
        TomlArray array => new JsonArray([.. array.Select(ToJson)]),
        string text => JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        long number => JsonValue.Create(number),
        double number => JsonValue.Create(number),
        null => null,
        _ => JsonValue.Create(value.ToString()),
    };
}
