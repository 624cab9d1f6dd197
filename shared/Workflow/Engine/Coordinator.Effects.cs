using Orchestrator.Contracts.Jobs;
using Orchestrator.Storage;
using Orchestrator.Workflow.Journal;
using Orchestrator.Workflow.Timers;

namespace Orchestrator.Workflow.Engine;

public sealed partial class Coordinator
{
    /// <summary>
    /// Carries out a committed entry: writes the due marker of its timer, sends its outbox, updates the indexes, writes
    /// the head, then deletes the marker of the timer the entry replaced (<paramref name="previousMarker"/>, when known).
    /// Every step is idempotent (derived message ids, fixed keys), so the sweep can replay it after a crash. The head is
    /// written last: a head behind the journal means the effects may not have happened. The old marker goes only after
    /// the new one is written, so a crash anywhere in here leaves the job with a marker that leads the sweep to it.
    /// </summary>
    private async Task EffectsAsync(JournalEntry entry, string? previousMarker, CancellationToken cancellationToken)
    {
        var job = entry.State;
        var now = _time.GetUtcNow();
        var marker = JobTimer.Of(job)?.MarkerKey(_options.SweepGrace);
        if (marker is not null)
        {
            await PutEmptyAsync(marker, cancellationToken);
        }

        foreach (var command in entry.Outbox)
        {
            var delay = command.NotBefore is { } due && due > now ? due - now : TimeSpan.Zero;
            await _sender.SendAsync(command.Destination, MessageCodec.FromOutbox(command), delay, cancellationToken);
        }

        if (entry.Seq == 1)
        {
            var inverted = DateTimeOffset.MaxValue.UtcTicks - job.CreatedAt.UtcTicks;
            await PutEmptyAsync(ObjectKeys.JobIndexEntry(inverted, job.JobId), cancellationToken);
            await PutEmptyAsync(ObjectKeys.SiteJobIndexEntry(job.Site, inverted, job.JobId), cancellationToken);
        }

        if (entry.To == JobState.Succeeded)
        {
            await _sites.MarkPublishedAsync(job.Site, job.SiteSequence, job.JobId, cancellationToken);
        }

        if (JobDocuments.IsTerminal(entry.From) && !JobDocuments.IsTerminal(entry.To))
        {
            await PutEmptyAsync(WorkflowKeys.Active(job.JobId), cancellationToken);
        }

        await WriteHeadAsync(entry, cancellationToken);
        if (JobDocuments.IsTerminal(entry.To))
        {
            await _store.DeleteAsync(_options.Bucket, WorkflowKeys.Active(job.JobId), cancellationToken);
        }

        // The replaced timer can never be pending again (an attempt never runs or waits twice); equal keys are the same timer.
        if (previousMarker is not null && !string.Equals(previousMarker, marker, StringComparison.Ordinal))
        {
            await _store.DeleteAsync(_options.Bucket, previousMarker, cancellationToken);
        }
    }

    /// <summary>
    /// Finishes the effects of a committed entry whose head never followed (a crash, or a failure, in between). The
    /// entry before it names the timer it replaced, whose marker then goes too.
    /// </summary>
    private async Task RepairAsync(LoadedJob loaded, CancellationToken cancellationToken)
    {
        var entry = loaded.Entry;
        _logger.RepairingHead(entry.State.JobId, loaded.HeadSeq, entry.Seq);
        var previous = entry.Seq > 1 ? await _journal.ReadAsync(entry.State.JobId, entry.Seq - 1, cancellationToken) : null;
        await EffectsAsync(entry, previous is null ? null : JobTimer.Of(previous.State)?.MarkerKey(_options.SweepGrace), cancellationToken);
    }

    /// <summary>
    /// Writes the head, then checks no newer entry was committed meanwhile (a slower writer must not leave an older
    /// head behind); when one was, the head is rewritten from the newest entry.
    /// </summary>
    private async Task WriteHeadAsync(JournalEntry entry, CancellationToken cancellationToken)
    {
        for (var round = 0; round < _options.MaxConflictRetries; round++)
        {
            await _journal.WriteHeadAsync(entry.State, cancellationToken);
            if (!await _journal.ExistsAsync(entry.State.JobId, entry.Seq + 1, cancellationToken))
            {
                return;
            }

            var newer = await _journal.LoadAsync(entry.State.JobId, cancellationToken);
            if (newer is null || newer.Entry.Seq <= entry.Seq)
            {
                return;
            }

            entry = newer.Entry;
        }
    }

    private async Task PutEmptyAsync(string key, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream([], writable: false);
        await _store.PutAsync(_options.Bucket, key, body, new PutOptions { ContentType = "text/plain" }, cancellationToken);
    }
}
