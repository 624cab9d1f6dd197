namespace Orchestrator.Functions.Build;

/// <summary>
/// Bytes on disk as <c>du</c> counts them: allocated blocks (a sparse file's holes are free), each file with
/// several names once, links not followed. Also counts files a process deleted but still holds open, which
/// use the disk without a name to find them by.
/// </summary>
internal sealed class DiskUsage
{
    private const string DeletedSuffix = " (deleted)";
    private readonly HashSet<(uint, uint, ulong)> _counted = [];

    public long Bytes { get; private set; }

    /// <summary>Entries looked at, the walk's cost.</summary>
    public int Entries { get; private set; }

    /// <summary>Adds a file, link or whole folder.</summary>
    public void AddTree(string path)
    {
        if (!Native.TryStat(path, followLinks: false, out var status))
        {
            return;
        }

        Add(status);
        if (!status.IsDirectory)
        {
            return;
        }

        var pending = new Stack<string>([path]);
        while (pending.TryPop(out var folder))
        {
            foreach (var entry in FolderEntries.Of(folder))
            {
                if (Native.TryStat(entry, followLinks: false, out var inner))
                {
                    Add(inner);
                    if (inner.IsDirectory)
                    {
                        pending.Push(entry);
                    }
                }
            }
        }
    }

    /// <summary>Adds the deleted files <paramref name="processIds"/> hold open (memfd and the like are memory, not disk).</summary>
    public void AddDeletedOpenFiles(IEnumerable<int> processIds)
    {
        foreach (var descriptor in processIds.SelectMany(ProcessTable.OpenFiles))
        {
            var target = LinkTarget(descriptor);
            if (target is not null
                && target.StartsWith('/')
                && target.EndsWith(DeletedSuffix, StringComparison.Ordinal)
                && Native.TryStat(descriptor, followLinks: true, out var status))
            {
                AddOnce(status);
            }
        }
    }

    private void Add(in StatxBuffer status)
    {
        if (status.HasOtherNames)
        {
            AddOnce(status);
            return;
        }

        Entries++;
        Bytes += status.DiskBytes;
    }

    private void AddOnce(in StatxBuffer status)
    {
        Entries++;
        if (_counted.Add(status.Identity))
        {
            Bytes += status.DiskBytes;
        }
    }

    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
