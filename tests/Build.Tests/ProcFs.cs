using System.Globalization;

namespace Orchestrator.Build.Tests;

/// <summary>The tests' own reading of /proc (independent of the code under test): who is alive, as whom.</summary>
public static class ProcFs
{
    /// <summary>A process that exists and is not a zombie waiting for its reaper.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            return !File.ReadAllText($"/proc/{pid}/status").Contains("State:\tZ", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>The live processes whose real uid is <paramref name="uid"/>.</summary>
    public static List<int> AliveOf(int uid)
    {
        var found = new List<int>();
        foreach (var folder in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var status = File.ReadAllLines(Path.Combine(folder, "status"));
                var uidLine = status.First(l => l.StartsWith("Uid:", StringComparison.Ordinal));
                var real = int.Parse(uidLine.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
                if (real == uid && !status.Contains("State:\tZ (zombie)"))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // Gone while reading: not alive.
            }
        }

        return found;
    }

    /// <summary>"pid uid", as the test scripts report themselves.</summary>
    public static (int Pid, int Uid) ReadPidAndUid(string file)
    {
        var parts = File.ReadAllText(file).Split(' ');
        return (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
    }
}
