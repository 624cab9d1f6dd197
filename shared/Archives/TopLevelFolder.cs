namespace Orchestrator.Archives;

/// <summary>Moves the contents of a lone top-level folder (<c>my-app/…</c>, as most archivers produce) up to the root.</summary>
internal static class TopLevelFolder
{
    public static string? Strip(string root)
    {
        var entries = Directory.GetFileSystemEntries(root);
        if (entries.Length != 1 || !Directory.Exists(entries[0]) || ExtractionSession.IsLink(entries[0]))
        {
            return null;
        }

        var name = Path.GetFileName(entries[0]);

        // Renamed first, so a child with the folder's own name (my-app/my-app/…) cannot collide with it.
        var staging = Path.Combine(root, ".strip-" + Guid.NewGuid().ToString("N"));
        Directory.Move(entries[0], staging);
        foreach (var child in Directory.GetFileSystemEntries(staging))
        {
            var target = Path.Combine(root, Path.GetFileName(child));
            if (Directory.Exists(child) && !ExtractionSession.IsLink(child))
            {
                Directory.Move(child, target);
            }
            else
            {
                File.Move(child, target);
            }
        }

        Directory.Delete(staging);
        return name;
    }
}
