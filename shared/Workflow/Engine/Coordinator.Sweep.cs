using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Storage;
using Orchestrator.Workflow.Journal;
using Orchestrator.Workflow.Machine;
using Orchestrator.Workflow.Sweep;
using Orchestrator.Workflow.Timers;

namespace Orchestrator.Workflow.Engine;

public sealed partial class Coordinator
{
    /// <summary>
    /// The timer trigger's sweep (ARCHITECTURE.md §5, "Sweeps scale with what is due"): first the due index up to now —
    /// timers whose delayed message has not come, stored results whose report has not come — then one slice of the
    /// active index, the safety net. It stops taking work once <see cref="Policy.CoordinatorOptions.SweepBudget"/> is
    /// spent; what is left is still due at the next tick. Two sweeps at once are safe: the journal serialises what they
    /// fire, and a marker is deleted only when the job's head shows it can never be pending again.
    /// </summary>
    private async Task SweepAsync(SweepDue sweep, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var tally = new SweepTally(() => _time.GetElapsedTime(started) >= _options.SweepBudget);
        var now = _time.GetUtcNow();
        await SweepDueAsync(now, tally, cancellationToken);
        if (!tally.OutOfTime())
        {
            await SweepActiveSliceAsync(now, tally, cancellationToken);
        }

        _logger.SweepDone(
            sweep.MessageId, tally[SweepCount.Due], tally[SweepCount.Jobs], tally[SweepCount.Recovered], tally[SweepCount.Timers],
            tally[SweepCount.Repaired], tally[SweepCount.Migrated], tally[SweepCount.Deleted], tally[SweepCount.Checked],
            tally[SweepCount.Failures], tally.Stopped, (long)_time.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>Lists <c>index/due/</c> oldest first and works on each due job, until the first marker not yet due.</summary>
    private async Task SweepDueAsync(DateTimeOffset now, SweepTally tally, CancellationToken cancellationToken)
    {
        var request = new ListRequest { Prefix = ObjectKeys.DuePrefix };
        while (!tally.OutOfTime())
        {
            var page = await _store.ListAsync(_options.Bucket, request, cancellationToken);
            var due = new List<DueMarker>();
            var reachedFuture = false;
            foreach (var listed in page.Objects)
            {
                if (!DueMarker.TryParse(listed.Key, out var marker))
                {
                    _logger.MalformedDueMarker(listed.Key);
                    await _store.DeleteAsync(_options.Bucket, listed.Key, cancellationToken);
                }
                else if (marker.At > now)
                {
                    reachedFuture = true;
                    break;
                }
                else if (marker.Kind != ObjectKeys.ResultKind || marker.At + _options.ResultCheckAfter <= now)
                {
                    // A stored result waits ResultCheckAfter for its report to arrive on its own.
                    tally.Add(SweepCount.Due);
                    due.Add(marker);
                }
            }

            await ForEachJobAsync(
                due.GroupBy(m => m.JobId, StringComparer.Ordinal),
                group => group.Key,
                (group, token) => SweepMarkersAsync(group.Key, [.. group], tally, token),
                tally,
                cancellationToken);
            if (reachedFuture || !page.IsTruncated || page.NextContinuationToken is null)
            {
                return;
            }

            request = request with { ContinuationToken = page.NextContinuationToken };
        }
    }

    /// <summary>
    /// One job's due markers: unless they are all stale by the job's head, the job is swept; then every marker the
    /// (re-read) head shows stale, or the sweep found spent, is deleted. A head that lags keeps its markers: they are
    /// deleted only once what replaced them is written. A due timer marker is nearly always pending (a delivered timer
    /// deletes its own), so the job is swept at once; a result marker is nearly always stale (its report came), so the
    /// head is read first.
    /// </summary>
    private async Task SweepMarkersAsync(string jobId, IReadOnlyList<DueMarker> markers, SweepTally tally, CancellationToken cancellationToken)
    {
        var head = markers.All(m => m.Kind == ObjectKeys.ResultKind) ? await _journal.ReadHeadAsync(jobId, cancellationToken) : null;
        IReadOnlyCollection<DueMarker> spent = [];
        if (head is null || markers.Any(m => m.StatusIn(head) != DueMarkerStatus.Stale))
        {
            spent = (await SweepJobAsync(jobId, markers, migrate: false, tally, cancellationToken)).Spent;
            head = await _journal.ReadHeadAsync(jobId, cancellationToken);
        }

        foreach (var marker in markers.Where(m => spent.Contains(m) || m.StatusIn(head) == DueMarkerStatus.Stale))
        {
            await _store.DeleteAsync(_options.Bucket, marker.Key, cancellationToken);
            tally.Add(SweepCount.Deleted);
        }
    }

    /// <summary>
    /// Sweeps one job: a head behind its journal for longer than the grace is repaired (the entry's effects replayed);
    /// a legacy head gets its due marker (<paramref name="migrate"/>); then at most one thing is done: a stored result
    /// whose marker is pending is applied, else an overdue timer is fired with its original id. Markers the journal has
    /// not reached, and result markers whose result is missing or refused, come back as spent.
    /// </summary>
    private async Task<SweptJob> SweepJobAsync(string jobId, IReadOnlyList<DueMarker> markers, bool migrate, SweepTally tally, CancellationToken cancellationToken)
    {
        tally.Add(SweepCount.Jobs);
        var now = _time.GetUtcNow();
        // Fresh from OSS, and remembered when the head is current, so what follows decides on it without loading again.
        if (await LoadAsync(jobId, useCache: false, cancellationToken) is not { Loaded: var loaded })
        {
            return new SweptJob(null, Settled: false, markers);
        }

        var entry = loaded.Entry;
        var settled = !loaded.HeadLags;
        if (loaded.HeadLags && entry.At + _options.SweepGrace <= now)
        {
            await RepairAsync(loaded, cancellationToken);
            tally.Add(SweepCount.Repaired);
            settled = true;
        }
        else if (migrate && settled)
        {
            await MigrateAsync(entry, cancellationToken);
            tally.Add(SweepCount.Migrated);
        }

        var latest = JobDocuments.From(entry.State);
        // Markers are written only after the entry that makes them is committed, and this load came after the listing
        // that found them: one the journal has not reached was not made by the orchestrator.
        var spent = markers.Where(m => m.StatusIn(latest) == DueMarkerStatus.Ahead).ToList();
        foreach (var marker in spent)
        {
            _logger.MalformedDueMarker(marker.Key);
        }

        foreach (var marker in markers.Where(m => m.Kind == ObjectKeys.ResultKind && m.StatusIn(latest) == DueMarkerStatus.Pending))
        {
            if (await RecoverResultAsync(jobId, marker.Stage, marker.Attempt, cancellationToken) is not { } report)
            {
                // Stages store the result before they mark it: a marker without one was not written by a stage.
                _logger.ResultMarkerWithoutResult(marker.Key);
                spent.Add(marker);
                continue;
            }

            if (await ApplyRecoveredAsync(report, "sweep", cancellationToken) is null)
            {
                spent.Add(marker);
                continue;
            }

            tally.Add(SweepCount.Recovered);
            return new SweptJob(entry, settled, spent);
        }

        if (OverdueTimer(entry.State, now) is { } timer)
        {
            _logger.OverdueTimer(jobId, ObjectKeys.Lower(timer.Stage), timer.Attempt, timer.GetType().Name);
            await (timer is StageDeadlineDue deadline ? ApplyDeadlineAsync(deadline, cancellationToken) : ApplyAsync(timer, cancellationToken));
            tally.Add(SweepCount.Timers);
        }

        return new SweptJob(entry, settled, spent);
    }

    /// <summary>A job from before the due index: its pending timer gets its marker, and its head the field that says so.</summary>
    private async Task MigrateAsync(JournalEntry entry, CancellationToken cancellationToken)
    {
        if (JobTimer.Of(entry.State)?.MarkerKey(_options.SweepGrace) is { } marker)
        {
            await PutEmptyAsync(marker, cancellationToken);
        }

        await WriteHeadAsync(entry, cancellationToken);
    }

    /// <summary>The pending timer of the job when it is past due by more than the grace, rebuilt with its original id.</summary>
    private IStageMessage? OverdueTimer(JobInstance job, DateTimeOffset now) =>
        JobTimer.Of(job) is { } timer && timer.DueAt + _options.SweepGrace <= now ? timer.ToMessage() : null;

    /// <summary>Runs <paramref name="sweep"/> over <paramref name="items"/>, SweepParallelism at a time, until the budget is spent.</summary>
    private async Task ForEachJobAsync<T>(IEnumerable<T> items, Func<T, string> jobIdOf, Func<T, CancellationToken, Task> sweep, SweepTally tally, CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.SweepParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(items, parallel, async (item, token) =>
        {
            if (tally.OutOfTime())
            {
                return;
            }

            try
            {
                await sweep(item, token);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // One broken job must not stop the sweep of the others; it is logged and met again at the next tick.
                tally.Add(SweepCount.Failures);
                _logger.SweepJobFailed(exception, jobIdOf(item));
            }
        });
    }

    /// <summary>What <see cref="SweepJobAsync"/> found: the latest entry (null: no journal), whether the head had caught up with it, spent markers.</summary>
    private sealed record SweptJob(JournalEntry? Latest, bool Settled, IReadOnlyCollection<DueMarker> Spent);
}
