using System.CommandLine;

namespace Orchestrator.Cli.Settings;

/// <summary>`--profile NAME` on every verb: which profile fills the settings options and environment leave open.</summary>
internal static class ProfileOption
{
    public static Option<string?> Instance { get; } = new("--profile")
    {
        Description = $"connection profile (else env {ProfileStore.ProfileVariable}, else '{ProfileStore.DefaultName}', which `devcloud up` writes)",
        Recursive = true,
    };

    /// <summary>The chosen name, and whether it was chosen (an unchosen default profile may be absent).</summary>
    public static (string Name, bool Chosen) Choose(ParseResult parse) =>
        parse.GetValue(Instance) is { Length: > 0 } given ? (given, true)
        : Environment.GetEnvironmentVariable(ProfileStore.ProfileVariable) is { Length: > 0 } set ? (set, true)
        : (ProfileStore.DefaultName, false);
}
