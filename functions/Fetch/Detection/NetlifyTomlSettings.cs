using System.Text.Json;

namespace Orchestrator.Functions.Fetch.Detection;

/// <summary>
/// Reads the keys of <c>netlify.toml</c> that mean the same here: <c>[build] base/command/publish</c>,
/// <c>[build.environment]</c>, <c>[[headers]]</c> and <c>[[redirects]]</c>. Other keys (plugins, functions, contexts)
/// are Netlify's own and are left alone.
/// </summary>
internal static class NetlifyTomlSettings
{
    public const string FileName = "netlify.toml";

    public static ProjectSettings Read(JsonElement root, SettingsDocument file)
    {
        var build = SettingsDocument.Property(root, "build") ?? default;
        if (build.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Object))
        {
            throw file.Fail("build", "must be a table");
        }

        var baseDirectory = file.Folder(build, "base", "build.base");

        // Netlify reads publish relative to base; a publish path that repeats the base is taken as written from the root.
        var publish = file.Folder(build, "publish", "build.publish");
        if (publish is not null && !string.IsNullOrEmpty(baseDirectory) && publish.StartsWith(baseDirectory + "/", StringComparison.Ordinal))
        {
            publish = publish[(baseDirectory.Length + 1)..];
        }

        return new ProjectSettings
        {
            BaseDirectory = baseDirectory,
            BuildCommand = file.String(build, "command", "build.command"),
            OutputDirectory = publish,
            Environment = file.Variables(SettingsDocument.Property(build, "environment"), "build.environment"),
            Headers = SettingsDocument.Property(root, "headers") is null ? null : file.Array(root, "headers", "headers").Select((rule, i) => OrchestratorJsonSettings.HeaderRule(rule, file, $"headers[{i}]")).ToList(),
            Redirects = SettingsDocument.Property(root, "redirects") is null ? null : file.Array(root, "redirects", "redirects").Select((rule, i) => OrchestratorJsonSettings.Redirect(rule, file, $"redirects[{i}]")).ToList(),
            Files = [FileName],
        };
    }
}
