using System.Text.Json.Nodes;

namespace Orchestrator.Tools.DevCloud.Chaos;

/// <summary>
/// Reads a job's journal (<c>jobs/&lt;id&gt;/journal/*.json</c>, oldest first) for stage work that completed twice.
/// A committed completion is an entry whose event is <c>StageSucceeded</c> and which is not the coordinator's
/// recorded no-op for a stale result (such an entry keeps the job where it was, <c>from == to</c>, and says
/// "ignored:"). It completes the stage the job was running (<c>from</c>: Fetching → fetch, Building → build,
/// Publishing → publish) at that stage's attempt in the entry's state. Without an operator's retry (a chaos run
/// makes none) each stage completes at most once per job, so every completion of a stage after its first is a
/// duplicate: two committed successes of one attempt, or a stage done again in a later attempt after it had
/// succeeded (a job built or published twice).
/// </summary>
public static class JournalCheck
{
    public static IEnumerable<(string Stage, int Attempt)> Completions(IEnumerable<JsonObject> journal)
    {
        ArgumentNullException.ThrowIfNull(journal);
        foreach (var entry in journal)
        {
            var from = Text(entry, "from");
            var ignored = from == Text(entry, "to") && (Text(entry, "detail") ?? string.Empty).StartsWith("ignored:", StringComparison.Ordinal);
            if (Text(entry, "event") != "StageSucceeded" || ignored || StageOf(from) is not { } stage)
            {
                continue;
            }

            var record = (entry["state"]?["stages"] as JsonArray ?? []).OfType<JsonObject>()
                .FirstOrDefault(s => string.Equals(Text(s, "name"), stage, StringComparison.OrdinalIgnoreCase));
            yield return (stage, record?["attempt"]?.GetValue<int>() ?? 0);
        }
    }

    /// <summary>Completions beyond the first of each stage.</summary>
    public static int DuplicateCompletions(IEnumerable<JsonObject> journal) =>
        Completions(journal).GroupBy(c => c.Stage, StringComparer.Ordinal).Sum(g => g.Count() - 1);

    /// <summary>The job's place in its site's upload order, as the coordinator assigned it (0 when unknown).</summary>
    public static long SiteSequence(IReadOnlyList<JsonObject> journal)
    {
        ArgumentNullException.ThrowIfNull(journal);
        return journal.Count == 0 ? 0 : journal[^1]["state"]?["siteSequence"]?.GetValue<long>() ?? 0;
    }

    internal static string? Text(JsonNode? node, string name) => node?[name]?.GetValue<string>();

    private static string? StageOf(string? state) => state switch
    {
        "Fetching" => "fetch",
        "Building" => "build",
        "Publishing" => "publish",
        _ => null,
    };
}
