namespace Orchestrator.Tools.Packaging.Publish;

/// <summary>Names and places of the package: what FC runs and where the CLI writes it.</summary>
public static class PublishLayout
{
    /// <summary>FC runs <c>/code/bootstrap</c> for a custom runtime.</summary>
    public const string Bootstrap = "bootstrap";

    public const string RuntimeIdentifier = "linux-x64";

    public static readonly string[] Functions = ["Initialize", "Fetch", "Build", "Publish"];

    /// <summary>The repository root: the nearest folder above <paramref name="start"/> holding Orchestrator.sln.</summary>
    public static string FindRepositoryRoot(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Orchestrator.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no Orchestrator.sln in {start} or any folder above it; run from inside the repository");
    }

    public static string ProjectFile(string root, string function) => Path.Combine(root, "functions", function, function + ".csproj");

    public static string AppHostName(string function) => "Orchestrator.Functions." + function;
}
