using Orchestrator.Contracts.Errors;

namespace Orchestrator.Functions.Build;

/// <summary>Finds the build's output folder: the configured one, else the first of dist, build, out that exists and is not empty.</summary>
public static class OutputLocator
{
    public static readonly string[] Conventional = ["dist", "build", "out"];

    /// <exception cref="StageFailedException">Non-retryable <c>OutputMissing</c>.</exception>
    public static string Find(string projectDirectory, string configured)
    {
        var candidates = string.IsNullOrWhiteSpace(configured) ? Conventional : [configured];
        foreach (var candidate in candidates)
        {
            var path = Path.GetFullPath(Path.Combine(projectDirectory, candidate));

            // A link could point the archiver anywhere on the function's disk; only a real folder inside the project counts.
            if (path.StartsWith(projectDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && Directory.Exists(path)
                && new DirectoryInfo(path).LinkTarget is null
                && Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Any())
            {
                return path;
            }
        }

        throw new StageFailedException(
            BuildErrorCodes.OutputMissing,
            $"The build finished but produced no output folder ({string.Join(", ", candidates)}) with files in it. Set Build:OutputDirectory if the project writes elsewhere.",
            retryable: false);
    }
}
