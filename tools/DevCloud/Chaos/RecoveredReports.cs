namespace Orchestrator.Tools.DevCloud.Chaos;

/// <summary>
/// Stage reports the coordinator took from a stage's stored result object rather than from its message (a report
/// lost, late or dead-lettered, recovered at the stage's deadline or by the sweep), counted from the functions' logs:
/// the coordinator logs each such recovery as event <see cref="EventName"/> (its journal entry is the report's own).
/// </summary>
public static class RecoveredReports
{
    /// <summary>The coordinator's log event for a recovered report (Workflow's <c>Logs.ResultRecovered</c>, EventId 4014).</summary>
    public const string EventName = "ResultRecovered";

    /// <summary>The recoveries logged in the function logs (<c>*.log</c>, JSON lines) of <paramref name="logDirectory"/>.</summary>
    public static int Count(string logDirectory)
    {
        if (!Directory.Exists(logDirectory))
        {
            return 0;
        }

        var marker = $"\"event\":\"{EventName}\"";
        return Directory.EnumerateFiles(logDirectory, "*.log")
            .Sum(file => ReadShared(file).Count(line => line.Contains(marker, StringComparison.Ordinal)));
    }

    // The functions may still be writing: read without locking them out.
    private static IEnumerable<string> ReadShared(string file)
    {
        using var reader = new StreamReader(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }
}
