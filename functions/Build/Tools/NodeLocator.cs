using Orchestrator.Contracts.Errors;

namespace Orchestrator.Functions.Build;

/// <summary>
/// Finds Node.js: the configured folders, then PATH, then FC's places (the runtime's
/// <c>/var/fc/lang/nodejs20/bin</c>, <c>/var/fc/lang/nodejs18/bin</c>, the Node.js layer's <c>/opt/nodejs20/bin</c>).
/// </summary>
public static class NodeLocator
{
    public static readonly string[] FcLocations = ["/var/fc/lang/nodejs20/bin", "/var/fc/lang/nodejs18/bin", "/opt/nodejs20/bin"];

    /// <summary>The folder holding an executable <c>node</c>.</summary>
    /// <exception cref="StageFailedException">Non-retryable <c>NodeMissing</c>.</exception>
    public static string FindNodeBin(IEnumerable<string> preferred, string? path)
    {
        var candidates = preferred
            .Concat((path ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
            .Concat(FcLocations)
            .ToList();
        return candidates.FirstOrDefault(d => IsExecutable(Path.Combine(d, "node")))
            ?? throw new StageFailedException(BuildErrorCodes.NodeMissing, "Node.js was not found on PATH nor in " + string.Join(", ", FcLocations) + ". Add the Node.js layer or use a runtime that has it.", retryable: false);
    }

    /// <summary>The package manager's executable: beside node first, then on PATH.</summary>
    /// <exception cref="StageFailedException">Non-retryable <c>PackageManagerMissing</c>.</exception>
    public static string FindTool(string name, string nodeBin, string? path)
    {
        var candidates = new[] { nodeBin }.Concat((path ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)).Concat(FcLocations);
        return candidates.Select(d => Path.Combine(d, name)).FirstOrDefault(IsExecutable)
            ?? throw new StageFailedException(BuildErrorCodes.PackageManagerMissing, $"The project needs {name}, which was found neither beside node ({nodeBin}) nor on PATH.", retryable: false);
    }

    private static bool IsExecutable(string file) =>
        File.Exists(file) && (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
