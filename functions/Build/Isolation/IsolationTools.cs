using Orchestrator.Contracts.Errors;

namespace Orchestrator.Functions.Build;

/// <summary>The system programs isolation relies on (util-linux and coreutils, present on FC's Debian runtimes).</summary>
internal static class IsolationTools
{
    /// <summary>Runs <c>kill -1</c> as the build's uid (a builtin: nothing else to find).</summary>
    public const string Shell = "/bin/sh";

    private static readonly string[] Folders = ["/usr/bin", "/bin", "/usr/sbin", "/sbin"];

    /// <summary>The full path of <paramref name="name"/>.</summary>
    /// <exception cref="StageFailedException">Non-retryable <c>IsolationUnavailable</c>, saying why the tool is needed.</exception>
    public static string Find(string name, string neededFor) =>
        Folders.Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists)
        ?? throw new StageFailedException(BuildErrorCodes.IsolationUnavailable, $"{name} is missing from the function's image: {neededFor}", retryable: false);
}
