using System.Text.Json;

namespace Orchestrator.Functions.Fetch.Detection;

/// <summary>Reads <c>orchestrator.json</c>, our own settings file (schema: docs/project-settings.md). Unknown keys are refused, so a typo is not a silent no-op.</summary>
internal static class OrchestratorJsonSettings
{
    public const string FileName = "orchestrator.json";

    private static readonly string[] Known =
    [
        "$schema", "base", "installCommand", "buildCommand", "outputDirectory", "nodeVersion", "packageManager", "environment",
        "headers", "redirects", "spaFallback", "indexDocument", "errorDocument", "cleanUrls", "trailingSlash",
    ];

    public static ProjectSettings Read(JsonElement root, SettingsDocument file)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw file.Fail("(root)", "must be a JSON object");
        }

        if (root.EnumerateObject().Select(p => p.Name).FirstOrDefault(name => !Known.Contains(name, StringComparer.Ordinal)) is { } unknown)
        {
            throw file.Fail(unknown, $"is not a setting (known: {string.Join(", ", Known.Skip(1))})");
        }

        return new ProjectSettings
        {
            BaseDirectory = file.Folder(root, "base", "base"),
            InstallCommand = file.String(root, "installCommand", "installCommand"),
            BuildCommand = file.String(root, "buildCommand", "buildCommand"),
            OutputDirectory = file.Folder(root, "outputDirectory", "outputDirectory"),
            NodeVersion = file.String(root, "nodeVersion", "nodeVersion"),
            PackageManager = file.String(root, "packageManager", "packageManager"),
            Environment = file.Variables(SettingsDocument.Property(root, "environment"), "environment"),
            Headers = SettingsDocument.Property(root, "headers") is null ? null : file.Array(root, "headers", "headers").Select((rule, i) => HeaderRule(rule, file, $"headers[{i}]")).ToList(),
            Redirects = SettingsDocument.Property(root, "redirects") is null ? null : file.Array(root, "redirects", "redirects").Select((rule, i) => Redirect(rule, file, $"redirects[{i}]")).ToList(),
            SpaFallback = file.SitePath(root, "spaFallback", "spaFallback"),
            IndexDocument = file.String(root, "indexDocument", "indexDocument"),
            ErrorDocument = file.String(root, "errorDocument", "errorDocument"),
            CleanUrls = file.Bool(root, "cleanUrls", "cleanUrls"),
            TrailingSlash = file.Bool(root, "trailingSlash", "trailingSlash"),
            Files = [FileName],
        };
    }

    /// <summary><c>{"from": "/old/*", "to": "/new/:splat", "status": 301, "force": false}</c>, as Netlify writes them.</summary>
    public static Contracts.Sites.RedirectRule Redirect(JsonElement rule, SettingsDocument file, string key) =>
        file.Redirect(
            file.String(rule, "from", key + ".from") ?? throw file.Fail(key + ".from", "is missing"),
            file.String(rule, "to", key + ".to") ?? throw file.Fail(key + ".to", "is missing"),
            file.Int(rule, "status", key + ".status") ?? 301,
            file.Bool(rule, "force", key + ".force") ?? false,
            key);

    /// <summary><c>{"for": "/assets/*", "values": {"Cache-Control": "…"}}</c>, as Netlify writes them.</summary>
    public static Contracts.Sites.HeaderRule HeaderRule(JsonElement rule, SettingsDocument file, string key)
    {
        var pattern = file.String(rule, "for", key + ".for") ?? throw file.Fail(key + ".for", "is missing");
        if (SettingsDocument.Property(rule, "values") is not { ValueKind: JsonValueKind.Object } values)
        {
            throw file.Fail(key + ".values", "must be a table of header = \"value\"");
        }

        return file.HeaderRule(pattern, values.EnumerateObject().Select(v => KeyValuePair.Create(v.Name, v.Value.ValueKind == JsonValueKind.String ? v.Value.GetString()! : throw file.Fail($"{key}.values.{v.Name}", "must be a string"))), key);
    }
}
