using System.Globalization;
using System.Text.Json;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Json;
using Orchestrator.Storage;
using Orchestrator.Workflow.Engine;
using Orchestrator.Workflow.Machine;
using Orchestrator.Workflow.Policy;
using Orchestrator.Workflow.Timers;

namespace Orchestrator.Workflow.Journal;

/// <summary>
/// The job's durable record in OSS (ARCHITECTURE.md §5): an append-only journal of immutable entries written with
/// forbid-overwrite (the journal is the concurrency control: one writer wins each sequence number), and a head
/// <c>job.json</c> that caches the latest state for readers, with its summary in <c>x-oss-meta-*</c>.
/// </summary>
public sealed class JobJournal(IObjectStore store, CoordinatorOptions options)
{
    /// <summary>
    /// Head metadata naming the due marker of the job's pending timer ("" when none). Written only since the due index
    /// exists, so a head without it belongs to a job the safety net has still to index (lazy migration).
    /// </summary>
    public const string DueIndexMetadata = "due-index";

    private const string Json = "application/json";

    /// <summary>Reads the latest entry, or null when the job has none. Uses the head's seq as a hint and lists past it.</summary>
    public async Task<LoadedJob?> LoadAsync(string jobId, CancellationToken cancellationToken)
    {
        var head = await store.HeadAsync(options.Bucket, ObjectKeys.JobHead(jobId), cancellationToken);
        var headSeq = head is null ? 0 : SeqOf(head);
        var latest = await LatestSeqAsync(jobId, headSeq, cancellationToken);
        return latest == 0 ? null : new LoadedJob(await ReadAsync(jobId, latest, cancellationToken), headSeq);
    }

    /// <summary>The journal sequence a head shows (its <c>x-oss-meta-seq</c>); 0 when it shows none.</summary>
    public static long SeqOf(ObjectMetadata head)
    {
        ArgumentNullException.ThrowIfNull(head);
        return head.Metadata.TryGetValue("seq", out var text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seq) ? seq : 0;
    }

    /// <summary>The head as readers see it (a <see cref="JobDocument"/>), or null when the job has none yet.</summary>
    public async Task<JobDocument?> ReadHeadAsync(string jobId, CancellationToken cancellationToken)
    {
        try
        {
            await using var content = await store.GetAsync(options.Bucket, ObjectKeys.JobHead(jobId), null, cancellationToken);
            return await JsonSerializer.DeserializeAsync(content.Content, ContractsJsonContext.Default.JobDocument, cancellationToken);
        }
        catch (ObjectNotFoundException)
        {
            return null;
        }
    }

    public async Task<JournalEntry> ReadAsync(string jobId, long seq, CancellationToken cancellationToken)
    {
        await using var content = await store.GetAsync(options.Bucket, ObjectKeys.JournalEntry(jobId, seq), null, cancellationToken);
        return await JsonSerializer.DeserializeAsync(content.Content, WorkflowJsonContext.Default.JournalEntry, cancellationToken)
            ?? throw new InvalidDataException($"journal entry {seq} of job {jobId} is empty");
    }

    /// <summary>Every entry of the job, oldest first (history, tests).</summary>
    public async Task<IReadOnlyList<JournalEntry>> ReadAllAsync(string jobId, CancellationToken cancellationToken)
    {
        var entries = new List<JournalEntry>();
        foreach (var seq in await SeqsAfterAsync(jobId, 0, cancellationToken))
        {
            entries.Add(await ReadAsync(jobId, seq, cancellationToken));
        }

        return entries;
    }

    public async Task<bool> ExistsAsync(string jobId, long seq, CancellationToken cancellationToken) =>
        await store.HeadAsync(options.Bucket, ObjectKeys.JournalEntry(jobId, seq), cancellationToken) is not null;

    /// <summary>Writes the entry if its sequence number is still free; false when another writer took it first.</summary>
    public async Task<bool> TryAppendAsync(string jobId, byte[] entry, long seq, CancellationToken cancellationToken)
    {
        try
        {
            using var body = new MemoryStream(entry, writable: false);
            await store.PutAsync(
                options.Bucket,
                ObjectKeys.JournalEntry(jobId, seq),
                body,
                new PutOptions { ContentType = Json, ForbidOverwrite = true },
                cancellationToken);
            return true;
        }
        catch (ObjectAlreadyExistsException)
        {
            return false;
        }
    }

    /// <summary>Writes <c>job.json</c> (a <see cref="JobDocument"/>) with the job's summary, and its due marker, as metadata.</summary>
    public async Task WriteHeadAsync(JobInstance job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var stage = JobDocuments.CurrentStage(job);
        var due = stage.DeadlineAt ?? stage.NextRetryAt;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["state"] = JobDocuments.StateOf(job).ToString(),
            ["stage"] = ObjectKeys.Lower(stage.Name),
            ["attempt"] = stage.Attempt.ToString(CultureInfo.InvariantCulture),
            ["seq"] = job.Seq.ToString(CultureInfo.InvariantCulture),
            ["updated"] = job.UpdatedAt.ToString("O", CultureInfo.InvariantCulture),
            ["site"] = job.Site,
            ["due"] = due?.ToString("O", CultureInfo.InvariantCulture) ?? "",
            [DueIndexMetadata] = JobTimer.Of(job)?.MarkerKey(options.SweepGrace) ?? "",
        };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(JobDocuments.From(job), ContractsJsonContext.Default.JobDocument);
        using var body = new MemoryStream(bytes, writable: false);
        await store.PutAsync(options.Bucket, ObjectKeys.JobHead(job.JobId), body, new PutOptions { ContentType = Json, Metadata = metadata }, cancellationToken);
    }

    public static byte[] Serialize(JournalEntry entry) => JsonSerializer.SerializeToUtf8Bytes(entry, WorkflowJsonContext.Default.JournalEntry);

    public static JournalEntry Deserialize(byte[] entry) =>
        JsonSerializer.Deserialize(entry, WorkflowJsonContext.Default.JournalEntry) ?? throw new InvalidDataException("empty journal entry");

    private async Task<long> LatestSeqAsync(string jobId, long after, CancellationToken cancellationToken)
    {
        var seqs = await SeqsAfterAsync(jobId, after, cancellationToken);
        return seqs.Count > 0 ? seqs[^1] : after;
    }

    private async Task<List<long>> SeqsAfterAsync(string jobId, long after, CancellationToken cancellationToken)
    {
        var prefix = ObjectKeys.JournalPrefix(jobId);
        var seqs = new List<long>();
        var request = new ListRequest { Prefix = prefix, StartAfter = after > 0 ? ObjectKeys.JournalEntry(jobId, after) : null };
        while (true)
        {
            var page = await store.ListAsync(options.Bucket, request, cancellationToken);
            foreach (var item in page.Objects)
            {
                var name = item.Key.AsSpan(prefix.Length);
                if (name.EndsWith(".json", StringComparison.Ordinal)
                    && long.TryParse(name[..^5], NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
                {
                    seqs.Add(seq);
                }
            }

            if (!page.IsTruncated || page.NextContinuationToken is null)
            {
                return seqs;
            }

            request = request with { ContinuationToken = page.NextContinuationToken, StartAfter = null };
        }
    }
}
