using System.Text.Json.Nodes;

namespace Orchestrator.Tools.DevCloud.Chaos;

/// <summary>
/// Stage reports the coordinator took from a stage's result object rather than from its message (a report lost,
/// late or dead-lettered, recovered by the deadline or the sweep): the journal entries whose detail says so.
/// </summary>
public static class RecoveredReports
{
    /// <summary>What the coordinator writes in an entry's detail when it applied a result it read from its object.</summary>
    public const string DetailMarker = "from its result object";

    public static int Count(IEnumerable<JsonObject> journal)
    {
        ArgumentNullException.ThrowIfNull(journal);
        return journal.Count(entry => (JournalCheck.Text(entry, "detail") ?? string.Empty).Contains(DetailMarker, StringComparison.Ordinal));
    }
}
