using System.Text.Json.Nodes;

namespace Orchestrator.Tools.DevCloud.Chaos;

/// <summary>
/// The verdict of a chaos run (CONTRACT §2), each figure counted as the run's checks define it: jobs the uploads
/// should have created, how many ended, uploads with no job or no end by the deadline, duplicate stage
/// completions and second jobs for one upload (<see cref="JournalCheck"/>), sites not serving their newest
/// successful upload intact (<see cref="SiteCheck"/>), jobs whose status disagrees with OSS (<see cref="StatusCheck"/>).
/// </summary>
public sealed record ChaosFigures(int Submitted, int Terminal, int Lost, int DuplicateCompletions, int MismatchedSites, int StatusDisagreements)
{
    /// <summary>Every job ended and no invariant was broken.</summary>
    public bool Passed => Terminal == Submitted && Lost == 0 && DuplicateCompletions == 0 && MismatchedSites == 0 && StatusDisagreements == 0;

    /// <summary>The one-line JSON object with exactly the contract's six keys.</summary>
    public string ToJson() => new JsonObject
    {
        ["submitted"] = Submitted,
        ["terminal"] = Terminal,
        ["lost"] = Lost,
        ["duplicateCompletions"] = DuplicateCompletions,
        ["mismatchedSites"] = MismatchedSites,
        ["statusDisagreements"] = StatusDisagreements,
    }.ToJsonString();
}
