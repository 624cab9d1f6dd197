using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Workflow.Journal;
using Orchestrator.Workflow.Machine;
using Orchestrator.Workflow.Sites;

namespace Orchestrator.Workflow.Engine;

public sealed partial class Coordinator
{
    /// <summary>
    /// An upload: refused unless its bucket is one the deployment takes sources from, then filtered to
    /// <c>src/&lt;site&gt;/*.zip|.tar.gz|.tgz</c>; its job id is derived from (bucket, key, ETag), so a duplicated event
    /// finds the job already there and starts nothing.
    /// </summary>
    private async Task<JobDocument?> StartAsync(ObjectCreated created, CancellationToken cancellationToken)
    {
        // Before anything is written: Fetch reads whatever bucket the job's source names.
        if (!_options.OwnedSourceBuckets.Contains(created.Bucket, StringComparer.Ordinal))
        {
            var owned = string.Join(", ", _options.OwnedSourceBuckets);
            _logger.BucketNotOwned(created.Bucket, created.Key, owned);
            throw new InvalidEventException(
                WorkflowErrorCodes.BucketNotOwned,
                $"upload {created.Bucket}/{created.Key} is in a bucket this deployment does not take sources from ({owned}); no job was started");
        }

        if (!created.EventName.Contains("ObjectCreated", StringComparison.Ordinal))
        {
            _logger.UploadIgnored(created.Bucket, created.Key, $"event {created.EventName} is not an object creation");
            return null;
        }

        if (!UploadFilter.TryMatch(created.Key, out var site, out var reason))
        {
            _logger.UploadIgnored(created.Bucket, created.Key, reason);
            return null;
        }

        var jobId = JobIds.FromSource(created.Bucket, created.Key, created.ETag);
        using var held = await _locks.AcquireAsync(jobId, cancellationToken);
        // Journals are never pruned, so a job exists exactly when its first entry does: one HEAD tells a new upload
        // (the common case) from a duplicate, where a full load costs a HEAD and a listing.
        if (await _journal.ExistsAsync(jobId, 1, cancellationToken)
            && await LoadAsync(jobId, useCache: false, cancellationToken) is { Loaded: var existing })
        {
            _logger.DuplicateUpload(created.Key, jobId);
            if (ShouldRepair(existing, created))
            {
                await RepairAsync(existing, cancellationToken);
            }

            return JobDocuments.From(existing.Entry.State);
        }

        // The active marker goes first: if this process dies before the first entry, the sweep finds the
        // marker, sees no journal, and removes it.
        await PutEmptyAsync(WorkflowKeys.Active(jobId), cancellationToken);
        var sequence = await _sites.AllocateAsync(site, jobId, cancellationToken);
        var started = new JobStarted(created.MessageId, jobId, site, new SourceObject(created.Bucket, created.Key, created.ETag, created.Size), sequence);
        var decision = new JobDecision(new JobInstance(), _time.GetUtcNow(), 0);
        new JobMachine(decision, _actions).Apply(started);
        var first = NextEntry(decision, started, JobState.Pending);
        var bytes = JobJournal.Serialize(first);
        if (!await _journal.TryAppendAsync(jobId, bytes, first.Seq, cancellationToken))
        {
            // Another coordinator created the job from a copy of this event a moment ago.
            _logger.DuplicateUpload(created.Key, jobId);
            var winner = await _journal.LoadAsync(jobId, cancellationToken);
            return winner is null ? null : JobDocuments.From(winner.Entry.State);
        }

        _logger.JobCreated(jobId, site, sequence, created.Key);
        await EffectsAsync(first, null, cancellationToken);
        Remember(jobId, bytes);
        return JobDocuments.From(first.State);
    }
}
