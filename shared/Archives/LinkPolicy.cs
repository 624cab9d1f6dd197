namespace Orchestrator.Archives;

/// <summary>
/// Which symbolic links may stay: relative ones whose target, walked segment by segment from the link's folder,
/// stays inside the root and passes through no other link. Refusing links through links is what makes the
/// lexical walk equal to what the kernel does (a link to "." followed by ".." would otherwise leave the root).
/// </summary>
internal static class LinkPolicy
{
    public static void CheckTarget(string root, string linkDirectory, string target, string entryName)
    {
        if (FindProblem(root, linkDirectory, target) is { } problem)
        {
            throw new ArchiveRejectedException(ArchiveRejectionReason.LinkEscape, entryName, problem);
        }
    }

    /// <summary>Why the link target is unsafe, or null when it stays inside <paramref name="root"/>.</summary>
    public static string? FindProblem(string root, string linkDirectory, string target)
    {
        if (target.Length == 0 || target.StartsWith('/') || target.Contains('\0', StringComparison.Ordinal))
        {
            return $"The link target '{target}' is absolute or empty.";
        }

        var segments = target.Split('/');
        var current = linkDirectory;
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            current = segment == ".." ? Path.GetDirectoryName(current) ?? "/" : Path.Combine(current, segment);
            if (!IsInside(root, current))
            {
                return $"The link target '{target}' leaves the destination.";
            }

            if (i < segments.Length - 1 && segment != ".." && ExtractionSession.IsLink(current))
            {
                return $"The link target '{target}' passes through another link.";
            }
        }

        return null;
    }

    /// <summary>Checks every link under <paramref name="root"/> again, now that all entries exist (order in the archive no longer matters).</summary>
    public static void CheckTree(string root)
    {
        foreach (var link in Links(root))
        {
            var relative = Path.GetRelativePath(root, link);
            CheckTarget(root, Path.GetDirectoryName(link)!, new FileInfo(link).LinkTarget!, relative);
        }
    }

    public static bool IsInside(string root, string path) =>
        path == root || path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static IEnumerable<string> Links(string directory)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(directory))
        {
            if (ExtractionSession.IsLink(entry))
            {
                yield return entry;
            }
            else if (Directory.Exists(entry))
            {
                foreach (var nested in Links(entry))
                {
                    yield return nested;
                }
            }
        }
    }
}
