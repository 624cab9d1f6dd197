using Orchestrator.Contracts.Jobs;

namespace Orchestrator.Workflow.Machine;

/// <summary>One stage's durable progress inside <see cref="JobInstance"/>. Mutable: the machine's activities change it.</summary>
public sealed class StageRecord
{
    public StageName Name { get; set; }

    public StageState State { get; set; }

    /// <summary>The current attempt (0 before the first). Never decreases.</summary>
    public int Attempt { get; set; }

    public int MaxAttempts { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>When the current attempt must have reported; past it, the attempt has timed out.</summary>
    public DateTimeOffset? DeadlineAt { get; set; }

    /// <summary>Set while a failed attempt waits for its retry.</summary>
    public DateTimeOffset? NextRetryAt { get; set; }

    public StageError? Error { get; set; }

    public Dictionary<string, string> Outputs { get; set; } = new(StringComparer.Ordinal);
}
