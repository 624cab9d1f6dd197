namespace Orchestrator.Build.Tests;

/// <summary>examples/hello-site of this repository, found by walking up from the test binaries to Orchestrator.sln.</summary>
public static class RepositoryFiles
{
    public static string HelloSite
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Orchestrator.sln")))
                {
                    return Path.Combine(dir.FullName, "examples", "hello-site");
                }
            }

            throw new InvalidOperationException("Orchestrator.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
