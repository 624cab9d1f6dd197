using System.Text.Json;
using Orchestrator.Contracts.Sites;

namespace Orchestrator.Functions.Fetch.Detection;

/// <summary>
/// Reads the keys of <c>vercel.json</c> that mean the same here: <c>buildCommand</c>, <c>installCommand</c>,
/// <c>outputDirectory</c>, <c>headers</c>, <c>redirects</c>, <c>rewrites</c> (to a path on the site),
/// <c>cleanUrls</c> and <c>trailingSlash</c>. Redirects apply before files (as on Vercel), rewrites after them.
/// </summary>
internal static class VercelJsonSettings
{
    public const string FileName = "vercel.json";

    public static ProjectSettings Read(JsonElement root, SettingsDocument file)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw file.Fail("(root)", "must be a JSON object");
        }

        var redirects = SettingsDocument.Property(root, "redirects") is null && SettingsDocument.Property(root, "rewrites") is null
            ? null
            : file.Array(root, "redirects", "redirects").Select((rule, i) => Redirect(rule, file, $"redirects[{i}]"))
                .Concat(file.Array(root, "rewrites", "rewrites").Select((rule, i) => Rewrite(rule, file, $"rewrites[{i}]")))
                .ToList();
        return new ProjectSettings
        {
            InstallCommand = file.String(root, "installCommand", "installCommand"),
            BuildCommand = file.String(root, "buildCommand", "buildCommand"),
            OutputDirectory = file.Folder(root, "outputDirectory", "outputDirectory"),
            Headers = SettingsDocument.Property(root, "headers") is null ? null : file.Array(root, "headers", "headers").Select((rule, i) => HeaderRule(rule, file, $"headers[{i}]")).ToList(),
            Redirects = redirects,
            CleanUrls = file.Bool(root, "cleanUrls", "cleanUrls"),
            TrailingSlash = file.Bool(root, "trailingSlash", "trailingSlash"),
            Files = [FileName],
        };
    }

    private static RedirectRule Redirect(JsonElement rule, SettingsDocument file, string key)
    {
        var permanent = file.Bool(rule, "permanent", key + ".permanent") ?? true;
        return file.Redirect(Required(rule, "source", file, key), Required(rule, "destination", file, key), file.Int(rule, "statusCode", key + ".statusCode") ?? (permanent ? 308 : 307), force: true, key);
    }

    private static RedirectRule Rewrite(JsonElement rule, SettingsDocument file, string key) =>
        file.Redirect(Required(rule, "source", file, key), Required(rule, "destination", file, key), 200, force: false, key);

    private static HeaderRule HeaderRule(JsonElement rule, SettingsDocument file, string key)
    {
        var values = file.Array(rule, "headers", key + ".headers").Select((header, i) => KeyValuePair.Create(
            Required(header, "key", file, $"{key}.headers[{i}]"),
            Required(header, "value", file, $"{key}.headers[{i}]")));
        return file.HeaderRule(Required(rule, "source", file, key), values, key);
    }

    private static string Required(JsonElement element, string name, SettingsDocument file, string key) =>
        file.String(element, name, $"{key}.{name}") ?? throw file.Fail($"{key}.{name}", "is missing");
}
