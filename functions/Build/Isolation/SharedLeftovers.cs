namespace Orchestrator.Functions.Build;

/// <summary>
/// What a build's uid put into the folders every user may write to (<c>Build:SharedWritableFolders</c>: /tmp,
/// /var/tmp, /dev/shm, …), the only places outside its own work folder it can write. They are found by walking
/// those folders, descending only into world-writable subfolders (the uid can create nothing anywhere else), and
/// taking whole whatever the uid owns. Its System V IPC objects (<see cref="IpcLeftovers"/>) go with them.
/// </summary>
internal static class SharedLeftovers
{
    private const int WritableByAll = 0b000_000_010;
    private const int MaxDepth = 16;
    private const int MaxEntries = 200_000;
    private const int PathsPerRemoval = 200;
    private const string NeededFor = "needed to remove what a build left outside its work folder.";
    private static readonly TimeSpan RemovalLimit = TimeSpan.FromMinutes(1);

    /// <summary>The paths (files, links or whole folders) in the shared folders that <paramref name="uid"/> owns.</summary>
    public static List<string> Find(int uid, IEnumerable<string> roots)
    {
        var found = new List<string>();
        var pending = new Stack<(string Folder, int Depth)>(roots.Where(IsRealFolder).Select(r => (r, 0)));
        var seen = 0;
        while (pending.TryPop(out var next))
        {
            foreach (var entry in FolderEntries.Of(next.Folder))
            {
                if (++seen > MaxEntries)
                {
                    return found;
                }

                if (!Native.TryStat(entry, followLinks: false, out var status))
                {
                    continue;
                }

                if (status.Uid == uid)
                {
                    found.Add(entry);
                }
                else if (status.IsDirectory && (status.Permissions & WritableByAll) != 0 && next.Depth < MaxDepth)
                {
                    pending.Push((entry, next.Depth + 1));
                }
            }
        }

        return found;
    }

    /// <summary>
    /// Deletes what the identity's uid left in the shared folders, and its System V IPC objects. <c>rm</c> runs as
    /// that uid, not as root: another build sharing a world-writable folder could swap a folder for a link while
    /// it is deleted, and as the uid the worst that does is delete what the uid itself may delete. Whatever stays
    /// is logged.
    /// </summary>
    public static async Task RemoveAsync(ChildIdentity identity, IReadOnlyList<string> roots, string jobId, ILogger logger)
    {
        if (identity.Uid is not { } uid)
        {
            return;
        }

        var ipc = IpcLeftovers.RemoveArguments(uid);
        var leftovers = Find(uid, roots);
        if (ipc.Count == 0 && leftovers.Count == 0)
        {
            return;
        }

        if (ipc.Count > 0)
        {
            await ChildProcessRunner.RunToolAsync([.. identity.SwitchArguments(), IsolationTools.Find("ipcrm", NeededFor), .. ipc], RemovalLimit);
        }

        foreach (var batch in leftovers.Chunk(PathsPerRemoval))
        {
            await ChildProcessRunner.RunToolAsync([.. identity.SwitchArguments(), IsolationTools.Find("rm", NeededFor), "-rf", "--one-file-system", "--", .. batch], RemovalLimit);
        }

        // ipcrm takes a flag and an id per object.
        var remaining = Find(uid, roots);
        var remainingIpc = IpcLeftovers.RemoveArguments(uid).Count / 2;
        Logs.SharedLeftoversRemoved(logger, jobId, uid, leftovers.Count + (ipc.Count / 2), remaining.Count + remainingIpc, string.Join(", ", remaining.Take(5)));
    }

    private static bool IsRealFolder(string path) => Native.TryStat(path, followLinks: false, out var status) && status.IsDirectory;
}
