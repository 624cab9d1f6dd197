namespace Orchestrator.Tools.DevCloud.Fc;

/// <summary>
/// Whether a function's packaged code.zip still matches its sources: a source file written after the package
/// (the function's project, the shared libraries, the root build files) means the package runs older code than
/// the checkout holds.
/// </summary>
public static class PackageFreshness
{
    private static readonly string[] RootBuildFiles = ["Directory.Build.props", "Directory.Packages.props", "global.json"];

    /// <summary>The newest source file written after <paramref name="package"/>, or null when the package is current.</summary>
    public static FileInfo? NewerSource(string projectDirectory, string functionName, FileInfo package)
    {
        ArgumentNullException.ThrowIfNull(package);
        var sources = SourceFiles(Path.Combine(projectDirectory, "functions", functionName))
            .Concat(SourceFiles(Path.Combine(projectDirectory, "shared")))
            .Concat(RootBuildFiles.Select(name => new FileInfo(Path.Combine(projectDirectory, name))).Where(f => f.Exists));
        return sources.Where(f => f.LastWriteTimeUtc > package.LastWriteTimeUtc).MaxBy(f => f.LastWriteTimeUtc);
    }

    private static IEnumerable<FileInfo> SourceFiles(string folder)
    {
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.TopDirectoryOnly))
        {
            yield return file;
        }

        // Build output is not source: bin/ and obj/ change with every build.
        foreach (var child in new DirectoryInfo(folder).EnumerateDirectories().Where(d => d.Name is not ("bin" or "obj")))
        {
            foreach (var file in SourceFiles(child.FullName))
            {
                yield return file;
            }
        }
    }
}
