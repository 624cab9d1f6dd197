namespace Orchestrator.Functions.Build;

/// <summary>
/// Moves an unpacked cache into the project: what the project lacks is renamed into place whole (links as links),
/// folders both have are merged, and anything the project already has stops the merge (the cache would overwrite a
/// file of this job's sources). Nothing of the build runs meanwhile, so nothing races the moves.
/// </summary>
internal static class CacheMerge
{
    /// <summary>Merges <paramref name="from"/> into <paramref name="into"/>, listing what it moved; the first colliding path, or null.</summary>
    public static string? Into(string from, string into, List<string> moved)
    {
        foreach (var source in Directory.GetFileSystemEntries(from).Order(StringComparer.Ordinal))
        {
            var target = Path.Combine(into, Path.GetFileName(source));
            if (!Present(target))
            {
                Native.Rename(source, target);
                moved.Add(target);
            }
            else if (!IsRealFolder(source) || !IsRealFolder(target))
            {
                return Path.GetFileName(source);
            }
            else if (Into(source, target, moved) is { } nested)
            {
                return Path.GetFileName(source) + "/" + nested;
            }
        }

        return null;
    }

    /// <summary>Takes out what a merge moved in, leaving the project as it was before it.</summary>
    public static void Undo(IEnumerable<string> moved)
    {
        foreach (var path in moved)
        {
            if (IsRealFolder(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else
            {
                File.Delete(path);
            }
        }
    }

    private static bool Present(string path) => new FileInfo(path).LinkTarget is not null || Path.Exists(path);

    private static bool IsRealFolder(string path) => Directory.Exists(path) && new FileInfo(path).LinkTarget is null;
}
