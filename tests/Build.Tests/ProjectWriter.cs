namespace Orchestrator.Build.Tests;

/// <summary>Writes small Node.js projects (no registry needed) into a folder.</summary>
public static class ProjectWriter
{
    /// <summary>A project whose build script is <paramref name="buildJs"/> (CommonJS, run as <c>node build.js</c>).</summary>
    public static string Write(string directory, string buildJs, bool withLockfile = true)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "package.json"), """{"name":"t","version":"1.0.0","private":true,"scripts":{"build":"node build.js"}}""");
        if (withLockfile)
        {
            File.WriteAllText(Path.Combine(directory, "package-lock.json"), """{"name":"t","version":"1.0.0","lockfileVersion":3,"requires":true,"packages":{"":{"name":"t","version":"1.0.0"}}}""");
        }

        File.WriteAllText(Path.Combine(directory, "build.js"), buildJs);
        return directory;
    }

    public static string CopyHelloSite(string directory)
    {
        var source = RepositoryFiles.HelloSite;
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith("dist", StringComparison.Ordinal) || relative.StartsWith("node_modules", StringComparison.Ordinal))
            {
                continue;
            }

            var target = Path.Combine(directory, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return directory;
    }
}
