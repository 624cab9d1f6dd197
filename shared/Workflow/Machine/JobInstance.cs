using System.Text.Json.Serialization;
using MassTransit;
using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Workflow.Journal;

namespace Orchestrator.Workflow.Machine;

/// <summary>
/// The durable state of one job, as the state machine sees it. The state lives outside the machine: the
/// coordinator loads it from the job's latest journal entry, lets the machine change it for one event, and
/// commits it as the next entry. Fields marked transient are set per event and are not part of the job.
/// </summary>
public sealed class JobInstance : SagaStateMachineInstance
{
    /// <summary>Limit on remembered message ids: enough to recognise redeliveries, bounded so entries stay small.</summary>
    public const int SeenMessageLimit = 64;

    public Guid CorrelationId { get; set; }

    /// <summary>The machine's state name (Fetching, Building, ...); "Initial" before the first event.</summary>
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

    /// <summary>Transient: the time the coordinator handles this event at (the machine never reads a clock).</summary>
    [JsonIgnore]
    public DateTimeOffset Now { get; set; }

    /// <summary>Transient: the newest site sequence already published for this site, loaded before a Build result.</summary>
    [JsonIgnore]
    public long NewestPublishedSiteSequence { get; set; }

    /// <summary>Transient: what this event did, for the journal entry; null when the event changed nothing.</summary>
    [JsonIgnore]
    public string? RecordedEvent { get; set; }

    /// <summary>Transient: the history detail of this event.</summary>
    [JsonIgnore]
    public string? RecordedDetail { get; set; }

    /// <summary>Transient: set once a row of the transition table has taken the event (the first matching row wins).</summary>
    [JsonIgnore]
    public bool Handled { get; set; }

    /// <summary>Transient: the commands this event emits, sent only after its journal entry commits.</summary>
    [JsonIgnore]
    public List<OutboxCommand> Outbox { get; set; } = [];

    /// <summary>Transient: the refusal of an operator command (NotRetryable, AlreadyTerminal), thrown by the coordinator.</summary>
    [JsonIgnore]
    public OrchestratorException? Refusal { get; set; }

    public StageRecord Stage(StageName name) => Stages.First(s => s.Name == name);
}
