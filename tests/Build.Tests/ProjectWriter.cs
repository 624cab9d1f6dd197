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

    /// <summary>
    /// An npm-workspaces monorepo with a lockfile and no registry package: the root build runs
    /// <c>packages/app</c>'s, which requires <c>@mono/ui</c> through the workspace link npm makes
    /// (<c>node_modules/@mono/ui -&gt; ../../packages/ui</c>) and writes <c>dist/index.html</c>.
    /// </summary>
    public static string WriteWorkspaces(string directory)
    {
        Directory.CreateDirectory(Path.Combine(directory, "packages", "ui"));
        Directory.CreateDirectory(Path.Combine(directory, "packages", "app"));
        File.WriteAllText(Path.Combine(directory, "package.json"), """{"name":"mono","version":"1.0.0","private":true,"workspaces":["packages/*"],"scripts":{"build":"npm run build -w @mono/app"}}""");
        File.WriteAllText(Path.Combine(directory, "package-lock.json"), """
            {"name":"mono","version":"1.0.0","lockfileVersion":3,"requires":true,"packages":{
              "":{"name":"mono","version":"1.0.0","workspaces":["packages/*"]},
              "node_modules/@mono/app":{"resolved":"packages/app","link":true},
              "node_modules/@mono/ui":{"resolved":"packages/ui","link":true},
              "packages/app":{"name":"@mono/app","version":"1.0.0","dependencies":{"@mono/ui":"1.0.0"}},
              "packages/ui":{"name":"@mono/ui","version":"1.0.0"}}}
            """);
        File.WriteAllText(Path.Combine(directory, "packages", "ui", "package.json"), """{"name":"@mono/ui","version":"1.0.0","main":"index.js"}""");
        File.WriteAllText(Path.Combine(directory, "packages", "ui", "index.js"), "module.exports = '<h1>ui from the workspace</h1>';");
        File.WriteAllText(Path.Combine(directory, "packages", "app", "package.json"), """{"name":"@mono/app","version":"1.0.0","dependencies":{"@mono/ui":"1.0.0"},"scripts":{"build":"node build.js"}}""");
        File.WriteAllText(Path.Combine(directory, "packages", "app", "build.js"), "const fs = require('fs'); fs.mkdirSync('../../dist', { recursive: true }); fs.writeFileSync('../../dist/index.html', require('@mono/ui'));");
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
