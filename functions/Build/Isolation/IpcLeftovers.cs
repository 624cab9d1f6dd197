using System.Globalization;

namespace Orchestrator.Functions.Build;

/// <summary>
/// System V IPC objects (shared memory, message queues, semaphores) a build's uid created: they outlive every
/// process, holding memory, until removed. Listed from /proc/sysvipc by owner and creator.
/// </summary>
internal static class IpcLeftovers
{
    private static readonly (string Table, string RemoveFlag)[] Tables = [("shm", "-m"), ("msg", "-q"), ("sem", "-s")];

    /// <summary>ipcrm's arguments that remove every object <paramref name="uid"/> owns or created (empty when none).</summary>
    public static List<string> RemoveArguments(int uid)
    {
        var arguments = new List<string>();
        foreach (var (table, flag) in Tables)
        {
            string[] lines;
            try
            {
                lines = File.ReadAllLines("/proc/sysvipc/" + table);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            // The header names the columns; their order differs between the three tables.
            var header = lines.Length > 0 ? lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
            var owner = Array.IndexOf(header, "uid");
            var creator = Array.IndexOf(header, "cuid");
            foreach (var row in lines.Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            {
                if (row.Length > Math.Max(owner, creator) && (Is(row[owner], uid) || Is(row[creator], uid)))
                {
                    arguments.Add(flag);
                    arguments.Add(row[1]);
                }
            }
        }

        return arguments;
    }

    private static bool Is(string column, int uid) =>
        int.TryParse(column, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value == uid;
}
