using System.Globalization;

namespace Orchestrator.Functions.Build;

/// <summary>
/// Reads the live processes from /proc. A zombie (exited, waiting for its parent) is dead: it runs nothing and
/// holds no file; only a thread group whose leader exited while other threads run still counts as alive.
/// </summary>
internal static class ProcessTable
{
    /// <summary>Every live process whose real, effective, saved or file-system uid is <paramref name="uid"/>.</summary>
    public static List<int> OfUser(int uid)
    {
        var found = new List<int>();
        foreach (var pid in ProcessIds())
        {
            if (ReadStatus(pid) is { } status && status.Alive && status.Uids.Contains(uid))
            {
                found.Add(pid);
            }
        }

        return found;
    }

    /// <summary>Parent, process group and session of every live process (from /proc/&lt;pid&gt;/stat).</summary>
    public static List<ProcessLinks> Links()
    {
        var found = new List<ProcessLinks>();
        foreach (var pid in ProcessIds())
        {
            if (ReadLinks(pid) is { } links && links.State is not ('Z' or 'X'))
            {
                found.Add(links);
            }
        }

        return found;
    }

    /// <summary>Whether the process was started with <paramref name="entry"/> (<c>NAME=value</c>) in its environment (false when unreadable).</summary>
    public static bool HasEnvironment(int pid, string entry)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/environ", System.Text.Encoding.Latin1).Split('\0').Contains(entry, StringComparer.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The files a process holds open, as /proc/&lt;pid&gt;/fd/&lt;n&gt; paths (empty when it is gone).</summary>
    public static IEnumerable<string> OpenFiles(int pid)
    {
        try
        {
            return Directory.GetFiles($"/proc/{pid}/fd");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static IEnumerable<int> ProcessIds()
    {
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(entry.AsSpan()), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                yield return pid;
            }
        }
    }

    private static ProcessStatus? ReadStatus(int pid)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines($"/proc/{pid}/status");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var state = ' ';
        var threads = 1;
        int[] uids = [];
        foreach (var line in lines)
        {
            if (line.StartsWith("State:", StringComparison.Ordinal))
            {
                state = line.AsSpan(6).Trim()[0];
            }
            else if (line.StartsWith("Threads:", StringComparison.Ordinal))
            {
                threads = int.Parse(line.AsSpan(8).Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("Uid:", StringComparison.Ordinal))
            {
                uids = [.. line[4..].Split('\t', StringSplitOptions.RemoveEmptyEntries).Select(u => int.Parse(u, NumberStyles.None, CultureInfo.InvariantCulture))];
            }
        }

        return new ProcessStatus(state is not ('Z' or 'X') || threads > 1, uids);
    }

    private static ProcessLinks? ReadLinks(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) state ppid pgrp session ...": comm may hold spaces and parentheses, so parse after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return new ProcessLinks(
            pid,
            fields[0][0],
            int.Parse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture),
            int.Parse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture),
            int.Parse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture));
    }

    private sealed record ProcessStatus(bool Alive, int[] Uids);
}
