using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Storage;
using Orchestrator.Workflow.Journal;
using Orchestrator.Workflow.Machine;

namespace Orchestrator.Workflow.Engine;

public sealed partial class Coordinator
{
    /// <summary>
    /// The timer trigger's sweep over the active jobs. For each: a head behind its journal (a crash between commit
    /// and effects) is repaired and the latest entry's outbox re-sent; a deadline or retry whose delayed message
    /// should have arrived but has not is fired here with the same message id (so the late original is a duplicate).
    /// </summary>
    private async Task SweepAsync(SweepDue sweep, CancellationToken cancellationToken)
    {
        int jobs = 0, repaired = 0, timers = 0, failures = 0;
        var request = new ListRequest { Prefix = WorkflowKeys.ActivePrefix };
        while (true)
        {
            var page = await _store.ListAsync(_options.Bucket, request, cancellationToken);
            foreach (var marker in page.Objects)
            {
                jobs++;
                var jobId = marker.Key[WorkflowKeys.ActivePrefix.Length..];
                try
                {
                    var (wasRepaired, fired) = await SweepJobAsync(jobId, marker, cancellationToken);
                    repaired += wasRepaired ? 1 : 0;
                    timers += fired ? 1 : 0;
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // One broken job must not stop the sweep of the others; it is logged and retried next tick.
                    failures++;
                    _logger.SweepJobFailed(exception, jobId);
                }
            }

            if (!page.IsTruncated || page.NextContinuationToken is null)
            {
                break;
            }

            request = request with { ContinuationToken = page.NextContinuationToken };
        }

        _logger.SweepDone(sweep.MessageId, jobs, repaired, timers, failures);
    }

    private async Task<(bool Repaired, bool Fired)> SweepJobAsync(string jobId, ListedObject marker, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var loaded = await _journal.LoadAsync(jobId, cancellationToken);
        if (loaded is null)
        {
            if (marker.LastModified + _options.SweepGrace <= now)
            {
                _logger.OrphanMarker(jobId);
                await _store.DeleteAsync(_options.Bucket, marker.Key, cancellationToken);
            }

            return (false, false);
        }

        var entry = loaded.Entry;
        var repaired = false;
        if (loaded.HeadLags && entry.At + _options.SweepGrace <= now)
        {
            _logger.RepairingHead(jobId, loaded.HeadSeq, entry.Seq);
            await EffectsAsync(entry, cancellationToken);
            repaired = true;
        }
        else if (JobDocuments.IsTerminal(entry.To))
        {
            await _store.DeleteAsync(_options.Bucket, marker.Key, cancellationToken);
        }

        if (OverdueTimer(entry.State, now) is not { } timer)
        {
            return (repaired, false);
        }

        _logger.OverdueTimer(jobId, ObjectKeys.Lower(timer.Stage), timer.Attempt, timer.GetType().Name);
        Forget(jobId);
        await ApplyAsync(timer, cancellationToken);
        return (repaired, true);
    }

    /// <summary>The timer of the open stage that is past due by more than the grace, rebuilt with its original id.</summary>
    private IStageMessage? OverdueTimer(JobInstance job, DateTimeOffset now)
    {
        if (JobDocuments.IsTerminal(JobDocuments.StateOf(job)) || JobActions.OpenStage(job) is not { } open)
        {
            return null;
        }

        var stage = job.Stage(open);
        if (stage is { State: StageState.Running, DeadlineAt: { } deadline } && deadline + _options.SweepGrace <= now)
        {
            return new StageDeadlineDue(JobActions.MessageId(job.JobId, open, stage.Attempt, JobActions.DeadlineKind), job.JobId, open, stage.Attempt);
        }

        return stage is { State: StageState.Failed, NextRetryAt: { } retryAt } && retryAt + _options.SweepGrace <= now
            ? new RetryDue(JobActions.MessageId(job.JobId, open, stage.Attempt, JobActions.RetryKind), job.JobId, open, stage.Attempt)
            : null;
    }
}
