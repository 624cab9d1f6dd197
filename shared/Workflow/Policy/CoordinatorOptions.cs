using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Settings;

namespace Orchestrator.Workflow.Policy;

/// <summary>
/// The coordinator's settings, bound from the configuration section <c>Coordinator</c>
/// (environment: <c>Coordinator__Bucket</c>, <c>Coordinator__Build__Retry__MaxAttempts</c>, ...).
/// </summary>
public sealed class CoordinatorOptions : ISettings
{
    public const string SectionName = "Coordinator";

    /// <summary>The bucket holding job journals, heads and indexes (usually the same as the sources').</summary>
    public string Bucket { get; set; } = "";

    /// <summary>
    /// The buckets whose uploads start jobs (those the OSS triggers watch; environment <c>ORCHESTRATOR_SOURCE_BUCKETS</c>,
    /// comma-separated). Empty means <see cref="Bucket"/> alone. An upload event naming any other bucket is refused:
    /// Fetch would otherwise read whatever bucket an event names.
    /// </summary>
    public List<string> SourceBuckets { get; set; } = [];

    public StageOptions Fetch { get; set; } = new() { Timeout = TimeSpan.FromMinutes(10) };

    public StageOptions Build { get; set; } = new() { Timeout = TimeSpan.FromMinutes(30) };

    public StageOptions Publish { get; set; } = new() { Timeout = TimeSpan.FromMinutes(10) };

    /// <summary>How often a lost journal race is reloaded and re-decided before the event is given back for redelivery.</summary>
    public int MaxConflictRetries { get; set; } = 8;

    /// <summary>
    /// How long past a timer's due time the sweep waits before acting itself (the delayed message should have come),
    /// and how old a journal entry must be before the sweep treats a lagging head as a crash, not a write in flight.
    /// </summary>
    public TimeSpan SweepGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The buckets uploads may come from: <see cref="SourceBuckets"/>, or <see cref="Bucket"/> when none are listed.</summary>
    public IReadOnlyList<string> OwnedSourceBuckets => SourceBuckets.Count > 0 ? SourceBuckets : [Bucket];

    /// <summary>
    /// How long after a stage stored its result the sweep waits for the report before applying the stored result itself
    /// (a lost, late or dead-lettered report then costs this plus at most one sweep interval, never a deadline).
    /// </summary>
    public TimeSpan ResultCheckAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long one sweep may work before it stops taking new work (what is left stays due for the next tick). Unset,
    /// <c>AddCoordinator</c> makes it half the function's timeout.
    /// </summary>
    public TimeSpan SweepBudget { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many jobs one sweep works on at once.</summary>
    public int SweepParallelism { get; set; } = 16;

    /// <summary>
    /// How many active jobs each sweep checks cheaply (a HEAD and a one-key listing each) in its walk of the active
    /// index, the safety net under the due index; the walk goes round all active jobs every active ÷ slice ticks.
    /// </summary>
    public int SafetyNetSlice { get; set; } = 500;

    public void Validate() => CoordinatorOptionsValidator.Validate(this);

    public StageOptions For(StageName stage) => stage switch
    {
        StageName.Fetch => Fetch,
        StageName.Build => Build,
        StageName.Publish => Publish,
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "unknown stage"),
    };
}
