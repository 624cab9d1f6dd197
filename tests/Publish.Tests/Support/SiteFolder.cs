namespace Orchestrator.Functions.Publish.Tests.Support;

/// <summary>A build output written to a temp folder from path → text, deleted on dispose.</summary>
public sealed class SiteFolder : IDisposable
{
    public SiteFolder(IReadOnlyDictionary<string, string> files)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "publish-test-" + Guid.NewGuid().ToString("N"));
        foreach (var (relative, text) in files)
        {
            var full = System.IO.Path.Combine(Path, relative);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }
    }

    public string Path { get; }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
