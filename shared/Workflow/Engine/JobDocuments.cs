using Orchestrator.Contracts.Jobs;
using Orchestrator.Workflow.Machine;

namespace Orchestrator.Workflow.Engine;

/// <summary>Maps the machine's instance to the user-facing <see cref="JobDocument"/> (CONTRACT.md §4).</summary>
public static class JobDocuments
{
    public static JobState StateOf(JobInstance job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return Enum.TryParse<JobState>(job.CurrentState, out var state) ? state : JobState.Pending;
    }

    public static bool IsTerminal(JobState state) => state is JobState.Succeeded or JobState.Failed or JobState.Cancelled;

    public static JobDocument From(JobInstance job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new JobDocument
        {
            JobId = job.JobId,
            Site = job.Site,
            State = StateOf(job),
            Source = job.Source ?? new SourceObject("", "", "", 0),
            CreatedAt = job.CreatedAt,
            UpdatedAt = job.UpdatedAt,
            Stages = [.. job.Stages.Select(s => new StageStatus
            {
                Name = s.Name,
                State = s.State,
                Attempt = s.Attempt,
                MaxAttempts = s.MaxAttempts,
                StartedAt = s.StartedAt,
                FinishedAt = s.FinishedAt,
                NextRetryAt = s.NextRetryAt,
                Error = s.Error,
                Outputs = new Dictionary<string, string>(s.Outputs, StringComparer.Ordinal),
            })],
            Release = job.Release,
        };
    }

    /// <summary>The stage a job is at (the first not yet succeeded, else the last): what the head's metadata shows.</summary>
    public static StageRecord CurrentStage(JobInstance job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.Stages.FirstOrDefault(s => s.State != StageState.Succeeded) ?? job.Stages[^1];
    }
}
