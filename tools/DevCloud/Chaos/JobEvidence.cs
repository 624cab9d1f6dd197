using System.Text.Json.Nodes;

namespace Orchestrator.Tools.DevCloud.Chaos;

/// <summary>
/// What OSS and the status API hold about the job of one upload once the run is over: the head document and its
/// metadata (null when there is no head), the journal oldest first, and the status API's answer (null when none).
/// </summary>
public sealed record JobEvidence(
    PlannedUpload Upload,
    string JobId,
    JsonObject? Head,
    IReadOnlyDictionary<string, string>? HeadMetadata,
    IReadOnlyList<JsonObject> Journal,
    JsonObject? Status)
{
    private static readonly HashSet<string> TerminalStates = new(StringComparer.Ordinal) { "Succeeded", "Failed", "Cancelled" };

    /// <summary>When the upload's first PUT was answered (null when not known).</summary>
    public DateTimeOffset? UploadedAt { get; init; }

    public string? State => JournalCheck.Text(Head, "state");

    public bool IsTerminal => IsTerminalState(State);

    public static bool IsTerminalState(string? state) => state is not null && TerminalStates.Contains(state);
}
