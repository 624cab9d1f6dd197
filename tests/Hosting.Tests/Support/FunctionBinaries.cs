using System.Reflection;

namespace Orchestrator.Hosting.Tests.Support;

/// <summary>Where the build put each function's apphost (the project references above make sure it is built).</summary>
internal static class FunctionBinaries
{
    public static readonly string[] Names = ["Initialize", "Fetch", "Build", "Publish"];

    /// <summary>The checkout the functions were built from (s.yaml is there).</summary>
    public static string RepositoryRoot => Path.GetDirectoryName(Metadata("FunctionsRoot"))!;

    public static string AppHost(string function)
    {
        var root = Metadata("FunctionsRoot");
        var path = Path.Combine(root, function, "bin", Metadata("FunctionsConfiguration"), Metadata("FunctionsTargetFramework"), "Orchestrator.Functions." + function);
        return File.Exists(path) ? path : throw new FileNotFoundException($"The {function} function was not built where expected", path);
    }

    private static string Metadata(string key) =>
        typeof(FunctionBinaries).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"assembly metadata {key} is missing");
}
