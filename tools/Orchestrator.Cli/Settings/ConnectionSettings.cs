using System.CommandLine;
using System.Text.Json.Nodes;
using Orchestrator.Contracts.Security;

namespace Orchestrator.Cli.Settings;

/// <summary>
/// The connection settings of one run (API address, token, OSS endpoint, bucket, region, credentials), each read
/// when the verb runs from the first of: its option, its environment variable, the profile
/// (<see cref="ProfileOption"/>). Never an option's default value: help prints defaults, and the token is a secret.
/// The first value taken from the profile prints one line on stderr naming it.
/// </summary>
internal sealed class ConnectionSettings
{
    private readonly ParseResult _parse;
    private readonly string _profileName;
    private readonly JsonObject? _profile;
    private bool _announced;

    private ConnectionSettings(ParseResult parse, string profileName, JsonObject? profile)
    {
        _parse = parse;
        _profileName = profileName;
        _profile = profile;
    }

    /// <summary>The settings of this run, or null after one line on stderr when the chosen profile is missing or broken.</summary>
    public static ConnectionSettings? Open(ParseResult parse)
    {
        var (name, chosen) = ProfileOption.Choose(parse);
        try
        {
            var profile = ProfileStore.Read(name);
            if (profile is null && chosen)
            {
                Console.Error.WriteLine($"error: ProfileNotFound: no profile '{name}' ({ProfileStore.PathOf(name)}); `orchestrator devcloud up` writes '{ProfileStore.DefaultName}'");
                return null;
            }

            return new ConnectionSettings(parse, name, profile);
        }
        catch (ArgumentException exception)
        {
            Console.Error.WriteLine("error: " + exception.Message);
            return null;
        }
    }

    public string? Get(Option<string?> option, string variable, string profileKey) =>
        _parse.GetValue(option) is { Length: > 0 } given ? given
        : Environment.GetEnvironmentVariable(variable) is { Length: > 0 } set ? set
        : FromProfile(profileKey);

    /// <summary>Credentials from the environment, else from the profile; null when neither has them.</summary>
    public CloudCredentials? Credentials() =>
        EnvironmentCredentials.Read()
        ?? CloudCredentials.FromParts(FromProfile("accessKeyId"), FromProfile("accessKeySecret"), FromProfile("securityToken"));

    private string? FromProfile(string key)
    {
        if (_profile?[key] is not JsonValue value || !value.TryGetValue<string>(out var text) || text.Length == 0)
        {
            return null;
        }

        if (!_announced)
        {
            _announced = true;
            Console.Error.WriteLine($"using profile {_profileName} ({ProfileStore.PathOf(_profileName)})");
        }

        return text;
    }
}
