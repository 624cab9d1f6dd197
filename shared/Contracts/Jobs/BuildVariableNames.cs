namespace Orchestrator.Contracts.Jobs;

/// <summary>
/// Environment variable names a build may not be given, from the function's configuration or a project's settings:
/// credential and platform variables, what the build's isolation sets (PATH, HOME, TMPDIR, the build marker), and
/// what would change how our own launcher or node behave before the project's code runs (loader and shell start-up
/// variables, NODE_OPTIONS). Fetch refuses a project asking for one; Build drops any that still arrive.
/// </summary>
public static class BuildVariableNames
{
    /// <summary>Carries the build's random id: how its processes are found when the function cannot give it a uid of its own.</summary>
    public const string Marker = "ORCHESTRATOR_BUILD_ID";

    private static readonly string[] ReservedPrefixes = ["ALIBABA_CLOUD_", "ALICLOUD_", "ALIYUN_", "FC_", "OSS_", "AWS_", "ORCHESTRATOR_", "LD_", "DYLD_"];

    private static readonly string[] ReservedNames = ["PATH", "HOME", "TMPDIR", "USER", "LOGNAME", "SHELL", "NODE_OPTIONS", "BASH_ENV", "ENV", "IFS", "SHELLOPTS", "GCONV_PATH", Marker];

    private static readonly string[] ReservedParts = ["SECRET", "ACCESS_KEY", "SECURITY_TOKEN"];

    public static bool IsReserved(string name) =>
        ReservedPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase))
        || ReservedNames.Contains(name, StringComparer.OrdinalIgnoreCase)
        || ReservedParts.Any(p => name.Contains(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>A usable variable name: letters, digits and '_', not starting with a digit.</summary>
    public static bool IsWellFormed(string name) =>
        name.Length is > 0 and <= 128 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
