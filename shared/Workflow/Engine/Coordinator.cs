using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Storage.Results;
using Orchestrator.Storage;
using Orchestrator.Workflow.Journal;
using Orchestrator.Workflow.Machine;
using Orchestrator.Workflow.Policy;
using Orchestrator.Workflow.Sites;
using Orchestrator.Workflow.Timers;

namespace Orchestrator.Workflow.Engine;

/// <summary>
/// The coordinator: for every event, load the job's latest journal entry, let the state machine decide on an
/// in-memory copy, commit the decision as the next journal entry (create-only), and only then carry out its effects
/// (send the outbox, update indexes, write the head). A lost race for a sequence number reloads and re-decides.
/// </summary>
public sealed partial class Coordinator : ICoordinator
{
    /// <summary>Remembered latest entries; bounded so a long-lived instance does not grow without end.</summary>
    private const int CacheLimit = 4096;

    private readonly IObjectStore _store;
    private readonly IMessageSender _sender;
    private readonly CoordinatorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<Coordinator> _logger;
    private readonly JobActions _actions;
    private readonly JobJournal _journal;
    private readonly SiteLedger _sites;
    private readonly StageResultStore _results;
    private readonly JobLocks _locks = new();

    /// <summary>Latest committed entry per job, serialised (each use deserialises a private copy).</summary>
    private readonly ConcurrentDictionary<string, byte[]> _latest = new(StringComparer.Ordinal);

    public Coordinator(
        IObjectStore store,
        IMessageSender sender,
        CoordinatorOptions options,
        IJitterSource jitter,
        TimeProvider time,
        ILogger<Coordinator> logger)
    {
        CoordinatorOptionsValidator.Validate(options);
        _store = store;
        _sender = sender;
        _options = options;
        _time = time;
        _logger = logger;
        _actions = new JobActions(options, jitter);
        _journal = new JobJournal(store, options);
        _sites = new SiteLedger(store, options);
        _results = new StageResultStore(store, options.Bucket);
    }

    /// <summary>The journal this coordinator writes (read access for the status API and tests).</summary>
    public JobJournal Journal => _journal;

    public async Task<JobDocument?> HandleAsync(IMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        switch (message)
        {
            case ObjectCreated created:
                return await StartAsync(created, cancellationToken);
            case RollbackRequested rollback:
                await _sender.SendAsync(Destination.Publish, rollback, TimeSpan.Zero, cancellationToken);
                _logger.RollbackForwarded(rollback.Site, rollback.ToJobId ?? "previous release");
                return null;
            case SweepDue sweep:
                await SweepAsync(sweep, cancellationToken);
                return null;
            case JobStatusRequested status:
                return await StatusAsync(status, cancellationToken);
            case StageDeadlineDue deadline:
                return await ApplyDeadlineAsync(deadline, cancellationToken);
            case JobStarted:
                throw new InvalidEventException("UnsupportedMessage", "JobStarted is made by the coordinator from an upload; send ObjectCreated");
            case StageSucceeded or StageFailed or RetryDue or RetryJob or CancelJob:
                // Only the events the machine has rows for: any other message would reach it unconsumed.
                return await ApplyAsync((IJobMessage)message, cancellationToken);
            default:
                throw new InvalidEventException("UnsupportedMessage", $"the coordinator does not handle {message.GetType().Name}");
        }
    }

    /// <summary>Load → decide → commit → effects, re-deciding on a lost race.</summary>
    private async Task<JobDocument> ApplyAsync(IJobMessage message, CancellationToken cancellationToken)
    {
        if (!JobIds.TryGetCorrelationId(message.JobId, out _))
        {
            throw NotFound(message.JobId);
        }

        using var held = await _locks.AcquireAsync(message.JobId, cancellationToken);
        for (var round = 1; ; round++)
        {
            var (loaded, cached) = await LoadAsync(message.JobId, useCache: round == 1, cancellationToken)
                ?? throw NotFound(message.JobId);
            var entry = loaded.Entry;
            if (ShouldRepair(loaded, message))
            {
                await RepairAsync(loaded, cancellationToken);
            }

            // Taken before the machine changes the instance in place.
            var previousMarker = JobTimer.Of(entry.State)?.MarkerKey(_options.SweepGrace);
            var reopens = JobDocuments.IsTerminal(entry.To);
            var (verdict, decision) = await DecideAsync(entry.State, message, cancellationToken);
            if (verdict is not Verdict.Commit)
            {
                // Nothing to write: make sure it was decided on the latest state, not a stale cached one.
                if (cached && await _journal.ExistsAsync(message.JobId, entry.Seq + 1, cancellationToken))
                {
                    Forget(message.JobId);
                    continue;
                }

                return Conclude(entry.State, message, verdict, decision);
            }

            var next = NextEntry(decision!, message, entry.To);
            var bytes = JobJournal.Serialize(next);
            if (reopens && !JobDocuments.IsTerminal(next.To))
            {
                // Before the commit: a re-opened job has no older timer whose marker could find it, so the safety net
                // (the walk of the active index) must see it even if this process dies right after committing.
                await PutEmptyAsync(WorkflowKeys.Active(message.JobId), cancellationToken);
            }

            if (await _journal.TryAppendAsync(message.JobId, bytes, next.Seq, cancellationToken))
            {
                _logger.Transition(message.JobId, next.Seq, next.Event, next.From.ToString(), next.To.ToString(), next.Detail);
                await EffectsAsync(next, previousMarker, cancellationToken);
                // Cached only once the effects are done: if they fail, the redelivered message loads from OSS, sees
                // the head lagging behind its own entry, and finishes them (ShouldRepair).
                Remember(message.JobId, bytes);
                return JobDocuments.From(next.State);
            }

            _logger.LostRace(message.JobId, next.Seq, round);
            Forget(message.JobId);
            if (round >= _options.MaxConflictRetries)
            {
                throw new OrchestratorException(WorkflowErrorCodes.ConcurrencyConflict, $"job {message.JobId}: lost {round} journal races in a row; redeliver the event", retryable: true);
            }
        }
    }

    /// <summary>Runs the machine on <paramref name="job"/> (in place) after the pure checks and the reads it needs.</summary>
    private async Task<(Verdict Verdict, JobDecision? Decision)> DecideAsync(JobInstance job, IJobMessage message, CancellationToken cancellationToken)
    {
        if (job.SeenMessageIds.Contains(message.MessageId, StringComparer.Ordinal))
        {
            return (Verdict.Duplicate, null);
        }

        var now = _time.GetUtcNow();
        // The only outside fact a transition needs; read here so the transition itself does no I/O.
        var newestPublished = message is RetryJob || message is StageSucceeded { Stage: StageName.Build }
            ? await _sites.NewestPublishedAsync(job.Site, cancellationToken)
            : 0;
        var decision = new JobDecision(job, now, newestPublished);
        new JobMachine(decision, _actions).Apply(message);
        if (decision.RecordedEvent is null && decision.Outbox.Count > 0)
        {
            throw new InvalidOperationException($"a row for {message.GetType().Name} emitted commands without recording an event: fix the transition table");
        }

        var verdict = decision.Refusal is not null ? Verdict.Refused
            : decision.RecordedEvent is null ? Verdict.Ignored
            : Verdict.Commit;
        return (verdict, decision);
    }

    private JobDocument Conclude(JobInstance job, IJobMessage message, Verdict verdict, JobDecision? decision)
    {
        var refusal = decision?.Refusal;
        switch (verdict)
        {
            case Verdict.Duplicate:
                _logger.DuplicateMessage(message.JobId, message.MessageId);
                break;
            case Verdict.Refused when refusal!.Code == WorkflowErrorCodes.OutputsRejected:
                _logger.OutputsRejected(message.JobId, message.MessageId, refusal.Message);
                throw refusal;
            case Verdict.Refused:
                _logger.Refused(message.JobId, message.GetType().Name, refusal!.Code, refusal.Message);
                throw refusal;
            default:
                _logger.MessageIgnored(message.JobId, message.GetType().Name, message.MessageId);
                break;
        }

        return JobDocuments.From(job);
    }

    /// <summary>The journal entry for <paramref name="decision"/>, just made on its job.</summary>
    private static JournalEntry NextEntry(JobDecision decision, IMessage message, JobState from)
    {
        var job = decision.Job;
        job.Seq++;
        job.UpdatedAt = decision.Now;
        job.SeenMessageIds.Add(message.MessageId);
        if (job.SeenMessageIds.Count > JobInstance.SeenMessageLimit)
        {
            job.SeenMessageIds.RemoveRange(0, job.SeenMessageIds.Count - JobInstance.SeenMessageLimit);
        }

        return new JournalEntry
        {
            Seq = job.Seq,
            At = decision.Now,
            Event = decision.RecordedEvent!,
            From = from,
            To = JobDocuments.StateOf(job),
            Detail = decision.RecordedDetail,
            MessageId = message.MessageId,
            State = job,
            Outbox = [.. decision.Outbox],
        };
    }

    private async Task<(LoadedJob Loaded, bool Cached)?> LoadAsync(string jobId, bool useCache, CancellationToken cancellationToken)
    {
        if (useCache && _latest.TryGetValue(jobId, out var cached))
        {
            var entry = JobJournal.Deserialize(cached);
            return (new LoadedJob(entry, entry.Seq), true);
        }

        var loaded = await _journal.LoadAsync(jobId, cancellationToken);
        if (loaded is null)
        {
            return null;
        }

        var bytes = JobJournal.Serialize(loaded.Entry);
        if (!loaded.HeadLags)
        {
            Remember(jobId, bytes);
        }

        // Deserialise a private copy: the machine changes the instance in place.
        return (loaded with { Entry = JobJournal.Deserialize(bytes) }, false);
    }

    /// <summary>
    /// A head behind the journal is repaired (the latest entry's effects replayed) when the entry is older than the
    /// grace, or at once when this message is a redelivery of the one that made the entry (its effects failed).
    /// </summary>
    private bool ShouldRepair(LoadedJob loaded, IMessage message) =>
        loaded.HeadLags
        && (loaded.Entry.At + _options.SweepGrace <= _time.GetUtcNow()
            || string.Equals(loaded.Entry.MessageId, message.MessageId, StringComparison.Ordinal));

    private void Remember(string jobId, byte[] entry)
    {
        _latest[jobId] = entry;
        TrimCache();
    }

    private void Forget(string jobId) => _latest.TryRemove(jobId, out _);

    private void TrimCache()
    {
        if (_latest.Count > CacheLimit)
        {
            _latest.Clear();
        }
    }

    private static OrchestratorException NotFound(string jobId) =>
        new(WorkflowErrorCodes.JobNotFound, $"no job with id '{jobId}'", retryable: false);

    private enum Verdict
    {
        Commit,
        Duplicate,
        Ignored,
        Refused,
    }
}
