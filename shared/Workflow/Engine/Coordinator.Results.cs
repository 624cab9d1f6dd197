using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Storage.Results;
using Orchestrator.Workflow.Machine;

namespace Orchestrator.Workflow.Engine;

public sealed partial class Coordinator
{
    /// <summary>
    /// Results before reports: a deadline of the running attempt first looks for the attempt's stored result, and when
    /// there is one applies it exactly as the report it is (same id, so the report, if it still comes, is a duplicate).
    /// Only without one — or when the coordinator refuses it — does the attempt time out.
    /// </summary>
    private async Task<JobDocument> ApplyDeadlineAsync(StageDeadlineDue deadline, CancellationToken cancellationToken)
    {
        if (JobIds.TryGetCorrelationId(deadline.JobId, out _)
            && await LatestStateAsync(deadline, cancellationToken) is { } job
            && JobActions.IsCurrentRunning(job, deadline)
            && await RecoverResultAsync(deadline.JobId, deadline.Stage, deadline.Attempt, cancellationToken) is { } report
            && await ApplyRecoveredAsync(report, "deadline", cancellationToken) is { } applied)
        {
            return applied;
        }

        return await ApplyAsync(deadline, cancellationToken);
    }

    /// <summary>
    /// The job's state to judge a deadline on: this process's cached entry, unless it says the attempt is not running
    /// and a newer entry exists (another instance may have started that attempt since), then the latest from OSS.
    /// </summary>
    private async Task<JobInstance?> LatestStateAsync(StageDeadlineDue deadline, CancellationToken cancellationToken)
    {
        var peek = await LoadAsync(deadline.JobId, useCache: true, cancellationToken);
        if (peek is { Cached: true, Loaded.Entry: var cached }
            && !JobActions.IsCurrentRunning(cached.State, deadline)
            && await _journal.ExistsAsync(deadline.JobId, cached.Seq + 1, cancellationToken))
        {
            Forget(deadline.JobId);
            peek = await LoadAsync(deadline.JobId, useCache: false, cancellationToken);
        }

        return peek?.Loaded.Entry.State;
    }

    /// <summary>
    /// A stored report, through the very path a delivered one takes (<see cref="ApplyAsync"/>); null when the
    /// coordinator refuses it (then the attempt's deadline decides, as if nothing were stored).
    /// </summary>
    private async Task<JobDocument?> ApplyRecoveredAsync(IStageMessage report, string trigger, CancellationToken cancellationToken)
    {
        _logger.ResultRecovered(report.JobId, ObjectKeys.Lower(report.Stage), report.Attempt, report.MessageId, trigger);
        try
        {
            return await ApplyAsync(report, cancellationToken);
        }
        catch (OrchestratorException refusal) when (!refusal.Retryable)
        {
            _logger.RecoveredResultRefused(report.JobId, ObjectKeys.Lower(report.Stage), report.Attempt, refusal.Code, refusal.Message);
            return null;
        }
    }

    /// <summary>The attempt's stored report, or null when none is stored or the stored object is refused (a security event).</summary>
    private async Task<IStageMessage?> RecoverResultAsync(string jobId, StageName stage, int attempt, CancellationToken cancellationToken)
    {
        var reportId = StageReportIds.For(JobActions.MessageId(jobId, stage, attempt, JobActions.RequestKind));
        try
        {
            return await _results.ReadAsync(jobId, stage, attempt, reportId, cancellationToken);
        }
        catch (StageResultRejectedException rejected)
        {
            _logger.StoredResultRefused(jobId, ObjectKeys.Lower(stage), attempt, rejected.Message);
            return null;
        }
    }
}
