namespace Orchestrator.Build.Tests;

/// <summary>Files of this repository, found by walking up from the test binaries to Orchestrator.sln.</summary>
public static class RepositoryFiles
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Orchestrator.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("Orchestrator.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>examples/hello-site.</summary>
    public static string HelloSite => Path.Combine(Root, "examples", "hello-site");
}
