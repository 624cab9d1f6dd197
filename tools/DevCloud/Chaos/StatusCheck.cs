using System.Text.Json.Nodes;

namespace Orchestrator.Tools.DevCloud.Chaos;

/// <summary>
/// Whether the status API tells where a job stands. It disagrees when its job document (CONTRACT §4) differs from
/// the job's head in OSS (<c>jobs/&lt;id&gt;/job.json</c>) in the job's state or any stage's state or attempt; when the
/// head's own summary (<c>x-oss-meta-state/-stage/-attempt/-seq</c>) differs from its document; or when the head
/// lags the journal (its state is not the last entry's <c>to</c>, its seq not the last entry's seq). A missing
/// answer or head disagrees too.
/// </summary>
public static class StatusCheck
{
    public static bool Disagrees(JsonObject? status, JsonObject? head, IReadOnlyDictionary<string, string>? headMetadata, JsonObject? lastEntry)
    {
        if (status is null || head is null || headMetadata is null || lastEntry is null)
        {
            return true;
        }

        var state = JournalCheck.Text(head, "state");
        if (JournalCheck.Text(status, "state") != state || Stages(status) != Stages(head))
        {
            return true;
        }

        var stage = Stage(head, headMetadata.GetValueOrDefault("stage"));
        return headMetadata.GetValueOrDefault("state") != state
            || stage is null
            || headMetadata.GetValueOrDefault("attempt") != stage["attempt"]?.ToJsonString()
            || JournalCheck.Text(lastEntry, "to") != state
            || headMetadata.GetValueOrDefault("seq") != lastEntry["seq"]?.ToJsonString();
    }

    // Name, state and attempt of every stage, in order: what "where the job stands" means per stage.
    private static string Stages(JsonObject job) => string.Join(
        "|",
        (job["stages"] as JsonArray ?? []).OfType<JsonObject>().Select(s => $"{JournalCheck.Text(s, "name")}:{JournalCheck.Text(s, "state")}:{s["attempt"]?.ToJsonString()}"));

    private static JsonObject? Stage(JsonObject job, string? name) =>
        (job["stages"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(s => string.Equals(JournalCheck.Text(s, "name"), name, StringComparison.OrdinalIgnoreCase));
}
