using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Orchestrator.Cli.Settings;

/// <summary>
/// Named connection profiles, <c>$ORCHESTRATOR_HOME/profiles/&lt;name&gt;.json</c> (home default <c>~/.orchestrator</c>),
/// mode 600: the ready document of <c>devcloud up</c> (<c>apiBase</c>, <c>ossEndpoint</c>, <c>mnsEndpoint</c>, <c>bucket</c>,
/// <c>region</c>, <c>accessKeyId</c>, <c>accessKeySecret</c>, <c>token</c>), or the same keys written by hand for a real
/// deployment. Every verb uses one when its options and the environment leave a setting open.
/// </summary>
internal static partial class ProfileStore
{
    public const string HomeVariable = "ORCHESTRATOR_HOME";
    public const string ProfileVariable = "ORCHESTRATOR_PROFILE";
    public const string DefaultName = "devcloud";

    public static string Home() =>
        Environment.GetEnvironmentVariable(HomeVariable) is { Length: > 0 } home
            ? Path.GetFullPath(home)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".orchestrator");

    /// <summary>The file of profile <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is not letters, digits, '-' and '_'.</exception>
    public static string PathOf(string name) =>
        ValidName().IsMatch(name)
            ? Path.Combine(Home(), "profiles", name + ".json")
            : throw new ArgumentException($"InvalidProfile: '{name}' is not a profile name (letters, digits, '-', '_')");

    /// <summary>The profile, or null when there is no such file.</summary>
    /// <exception cref="ArgumentException">The file is not a JSON object.</exception>
    public static JsonObject? Read(string name)
    {
        var path = PathOf(name);
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                ?? throw new ArgumentException($"InvalidProfile: {path} is not a JSON object");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"InvalidProfile: {path} is not valid JSON ({e.Message})", e);
        }
    }

    public static async Task<string> WriteAsync(string name, JsonObject profile, CancellationToken cancellationToken)
    {
        var path = PathOf(name);
        await PrivateFile.WriteAsync(path, profile, cancellationToken);
        return path;
    }

    /// <summary>Removes the profile when it still holds <paramref name="token"/>: another dev cloud may have replaced it since.</summary>
    public static void DeleteIfOwned(string name, string token)
    {
        if (Read(name)?["token"]?.GetValue<string>() == token)
        {
            File.Delete(PathOf(name));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ValidName();
}
