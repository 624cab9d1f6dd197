using System.CommandLine;

namespace Orchestrator.Cli.Settings;

/// <summary>
/// The connection settings of one run (API address, token, OSS endpoint, bucket, region), each read when the verb
/// runs from the first of: its option, its environment variable. Never an option's default value: help prints
/// defaults, and the token is a secret.
/// </summary>
internal sealed class ConnectionSettings(ParseResult parse)
{
    public string? Get(Option<string?> option, string variable) =>
        parse.GetValue(option) is { Length: > 0 } given ? given
        : Environment.GetEnvironmentVariable(variable) is { Length: > 0 } set ? set
        : null;
}
