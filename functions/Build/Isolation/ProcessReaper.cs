namespace Orchestrator.Functions.Build;

/// <summary>
/// Kills every process of a build and checks that none is left, repeating while processes fork during the kill
/// (a bounded number of rounds). Isolated builds are found by uid and killed by <c>kill -KILL -1</c> run as that
/// uid: the kernel signals every process of the uid at once, so there is no pid to reuse and no race with a fork.
/// Without isolation (not root) the build's processes are frozen with SIGSTOP first, so none can fork or escape
/// while its tree is read, then killed.
/// </summary>
internal static class ProcessReaper
{
    private const int MaxRounds = 60;
    private static readonly TimeSpan MaxPause = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan ToolLimit = TimeSpan.FromSeconds(10);

    /// <summary>The pids still alive after the last round (empty when all are gone).</summary>
    public static async Task<IReadOnlyList<int>> ReapAsync(ChildIdentity identity, IReadOnlyCollection<int> sessions)
    {
        var alive = Find(identity, sessions);
        for (var round = 0; round < MaxRounds && alive.Count > 0; round++)
        {
            if (identity.Isolated)
            {
                await KillUserAsync(identity);
            }
            else
            {
                FreezeThenKill(identity, sessions, alive);
            }

            // SIGKILLed processes need a moment to exit; the pause grows so a slow one is not polled hot.
            await Task.Delay(round < 7 ? TimeSpan.FromMilliseconds(1 << round) : MaxPause);
            alive = Find(identity, sessions);
        }

        return alive;
    }

    private static List<int> Find(ChildIdentity identity, IReadOnlyCollection<int> sessions) =>
        identity.Uid is { } uid ? ProcessTable.OfUser(uid) : FindUnisolated(identity, sessions);

    /// <summary>
    /// A process is the build's when it is in one of its sessions or process groups, carries its marker, or
    /// descends from one that is. setsid leaves the session, a double fork leaves the tree, <c>env -i</c> drops the
    /// marker: a process must do all three at once to be missed, which is why isolation needs root.
    /// </summary>
    private static List<int> FindUnisolated(ChildIdentity identity, IReadOnlyCollection<int> sessions)
    {
        var self = Environment.ProcessId;
        var links = ProcessTable.Links().Where(l => l.Pid != self).ToList();
        var members = links
            .Where(l => sessions.Contains(l.Pid) || sessions.Contains(l.SessionId) || sessions.Contains(l.GroupId) || ProcessTable.HasEnvironment(l.Pid, identity.Marker))
            .Select(l => l.Pid)
            .ToHashSet();
        var children = links.ToLookup(l => l.ParentPid, l => l.Pid);
        var pending = new Queue<int>(members);
        while (pending.TryDequeue(out var pid))
        {
            foreach (var child in children[pid])
            {
                if (members.Add(child))
                {
                    pending.Enqueue(child);
                }
            }
        }

        return [.. members];
    }

    /// <summary>
    /// As the uid itself, kill(-1) reaches exactly the processes that uid may signal: its own. The exit code does
    /// not matter (ESRCH when nothing was left); the next <see cref="Find"/> says whether it worked.
    /// </summary>
    private static Task KillUserAsync(ChildIdentity identity) =>
        ChildProcessRunner.RunToolAsync([.. identity.SwitchArguments(), IsolationTools.Shell, "-c", "kill -s KILL -- -1"], ToolLimit);

    private static void FreezeThenKill(ChildIdentity identity, IReadOnlyCollection<int> sessions, List<int> found)
    {
        foreach (var pid in found)
        {
            Native.Signal(pid, Native.SigStop);
        }

        // Children forked between the read and the freeze are in the tree now that their parents cannot die.
        foreach (var pid in FindUnisolated(identity, sessions).Union(found))
        {
            Native.Signal(pid, Native.SigKill);
        }
    }
}
