namespace Orchestrator.Archives;

/// <summary>An entry name checked and split into safe segments (no absolute path, no "..", no empty or "." parts).</summary>
internal static class EntryPath
{
    /// <summary>The entry's segments; empty for the archive's own root ("./").</summary>
    public static string[] Split(string entryName)
    {
        if (entryName.Length == 0 || entryName.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArchiveRejectedException(ArchiveRejectionReason.InvalidName, entryName, "The entry name is empty or holds a NUL character.");
        }

        // Zips made on Windows use backslashes; treating them as separators is what keeps "..\x" from slipping past.
        var name = entryName.Replace('\\', '/');
        if (name.StartsWith('/') || LooksLikeDrive(name))
        {
            throw new ArchiveRejectedException(ArchiveRejectionReason.AbsolutePath, entryName, "Absolute paths are not allowed.");
        }

        var segments = name.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != ".").ToArray();
        if (segments.Contains(".."))
        {
            throw new ArchiveRejectedException(ArchiveRejectionReason.ParentTraversal, entryName, "Paths with '..' are not allowed.");
        }

        return segments;
    }

    /// <summary>True for a name starting like a Windows drive (<c>c:</c>), which unpacking refuses as absolute.</summary>
    public static bool LooksLikeDrive(string name) => name.Length >= 2 && char.IsAsciiLetter(name[0]) && name[1] == ':';
}
