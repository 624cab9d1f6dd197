using System.Globalization;
using Orchestrator.Contracts.Errors;
using Semver;

namespace Orchestrator.Functions.Build;

/// <summary>
/// Finds the Node.js installations a build may use: the configured folders, then PATH, then FC's places (the
/// runtimes' <c>/var/fc/lang/nodejs*/bin</c>, the official Node.js layers' <c>/opt/nodejs*/bin</c>), each asked
/// its version; the same node reached twice (a link) is listed once.
/// </summary>
public static class NodeLocator
{
    public static readonly string[] FcPatterns = ["/var/fc/lang/nodejs*/bin", "/opt/nodejs*/bin", "/opt/bin"];

    private static readonly TimeSpan VersionLimit = TimeSpan.FromSeconds(10);

    /// <summary>Every usable node, in search order.</summary>
    /// <exception cref="StageFailedException">Non-retryable <c>NodeMissing</c> when there is none.</exception>
    public static async Task<IReadOnlyList<NodeInstallation>> FindAllAsync(IEnumerable<string> preferred, string? path)
    {
        var found = new List<NodeInstallation>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var folder in Candidates(preferred, path))
        {
            var node = Path.Combine(folder, "node");
            if (!IsExecutable(node) || !seen.Add(RealPath(node)))
            {
                continue;
            }

            // A trusted program from a system folder, run as the function before any of the project's code runs.
            var (exitCode, output) = await ChildProcessRunner.RunToolAsync([node, "--version"], VersionLimit);
            if (exitCode == 0 && SemVersion.TryParse(output.Trim().TrimStart('v'), SemVersionStyles.Strict, out var version))
            {
                found.Add(new NodeInstallation(folder, version));
            }
        }

        return found.Count > 0
            ? found
            : throw new StageFailedException(BuildErrorCodes.NodeMissing, "Node.js was not found in Build:NodeSearchPaths, on PATH, nor in " + string.Join(", ", FcPatterns) + ". Add the Node.js layer or use a runtime that has it.", retryable: false);
    }

    /// <summary>The package manager's executable: beside node first, then on PATH.</summary>
    /// <exception cref="StageFailedException">Non-retryable <c>PackageManagerMissing</c>.</exception>
    public static string FindTool(string name, string nodeBin, string? path) =>
        FindToolOrNull(name, nodeBin, path)
        ?? throw new StageFailedException(BuildErrorCodes.PackageManagerMissing, $"The project needs {name}, which was found neither beside node ({nodeBin}) nor on PATH.", retryable: false);

    /// <summary>The executable <paramref name="name"/> beside node first, then on PATH; null when neither has it.</summary>
    public static string? FindToolOrNull(string name, string nodeBin, string? path) =>
        new[] { nodeBin }.Concat(Split(path)).Select(d => Path.Combine(d, name)).FirstOrDefault(IsExecutable);

    private static IEnumerable<string> Candidates(IEnumerable<string> preferred, string? path) =>
        preferred.Concat(Split(path)).Concat(FcPatterns.SelectMany(Expand));

    /// <summary>A pattern whose next-to-last segment may end in '*' ("/opt/nodejs*/bin"), as the folders that exist, highest name first.</summary>
    private static IEnumerable<string> Expand(string pattern)
    {
        var star = pattern.IndexOf('*', StringComparison.Ordinal);
        if (star < 0)
        {
            return [pattern];
        }

        var parent = Path.GetDirectoryName(pattern[..star])!;
        var prefix = Path.GetFileName(pattern[..star]);
        var rest = pattern[(star + 1)..].TrimStart('/');
        return Directory.Exists(parent)
            ? Directory.GetDirectories(parent, prefix + "*").OrderByDescending(d => d, StringComparer.Create(CultureInfo.InvariantCulture, CompareOptions.NumericOrdering)).Select(d => Path.Combine(d, rest))
            : [];
    }

    private static string[] Split(string? path) => (path ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The file's path with every link on the way resolved (/bin is often a link to /usr/bin).</summary>
    private static string RealPath(string file)
    {
        var folder = Path.GetFullPath(Path.GetDirectoryName(file)!);
        var resolved = Path.Combine(new DirectoryInfo(folder).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? folder, Path.GetFileName(file));
        return File.ResolveLinkTarget(resolved, returnFinalTarget: true)?.FullName ?? resolved;
    }

    private static bool IsExecutable(string file) =>
        File.Exists(file) && (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
