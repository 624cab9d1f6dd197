namespace Orchestrator.Contracts.Jobs;

/// <summary>
/// The job as users see it (CONTRACT.md §4): what the status API answers, what <c>jobs/&lt;id&gt;/job.json</c> holds.
/// </summary>
public sealed record JobDocument
{
    public required string JobId { get; init; }

    public required string Site { get; init; }

    public required JobState State { get; init; }

    public required SourceObject Source { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public required IReadOnlyList<StageStatus> Stages { get; init; }

    public ReleaseInfo? Release { get; init; }
}

/// <summary>One stage's progress within a job.</summary>
public sealed record StageStatus
{
    public required StageName Name { get; init; }

    public required StageState State { get; init; }

    public int Attempt { get; init; }

    public int MaxAttempts { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public DateTimeOffset? NextRetryAt { get; init; }

    /// <summary>Null unless the stage failed.</summary>
    public StageError? Error { get; init; }

    public IReadOnlyDictionary<string, string> Outputs { get; init; } = new Dictionary<string, string>();
}

/// <summary>What a successful publish released.</summary>
public sealed record ReleaseInfo(string Url, int Files, int Uploaded, int Skipped);
