using Orchestrator.Contracts.Jobs;

namespace Orchestrator.Workflow.Machine;

/// <summary>
/// The durable state of one job. The state lives outside the machine (<see cref="JobMachine"/> reads and writes
/// <see cref="CurrentState"/> through its accessor and mutator): the coordinator loads it from the job's latest journal
/// entry, lets the machine change it for one event, and commits it as the next entry. What belongs to one event only
/// lives in <see cref="JobDecision"/>.
/// </summary>
public sealed class JobInstance
{
    /// <summary>Limit on remembered message ids: enough to recognise redeliveries, bounded so entries stay small.</summary>
    public const int SeenMessageLimit = 64;

    /// <summary>
    /// The machine's state name (Fetching, Building, ...); "Initial" before the first event (read as
    /// <see cref="JobState.Pending"/>). A string, as journals written before the Stateless machine have it.
    /// </summary>
    public string CurrentState { get; set; } = "Initial";

    public string JobId { get; set; } = "";

    public string Site { get; set; } = "";

    public SourceObject? Source { get; set; }

    public long SiteSequence { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The last committed journal sequence number (0 before the first entry).</summary>
    public long Seq { get; set; }

    public List<StageRecord> Stages { get; set; } = [];

    public ReleaseInfo? Release { get; set; }

    /// <summary>Why the job ended Failed or Cancelled.</summary>
    public string? Reason { get; set; }

    /// <summary>Ids of the messages already applied, newest last; a redelivered copy changes nothing.</summary>
    public List<string> SeenMessageIds { get; set; } = [];

    public StageRecord Stage(StageName name) => Stages.First(s => s.Name == name);
}
