using System.Globalization;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Status;
using Orchestrator.Storage;

namespace Orchestrator.Functions.Initialize.Api;

/// <summary>
/// The job list, newest first, from the index the coordinator writes at job creation
/// (<see cref="ObjectKeys.JobIndexEntry"/>): a listing gives the order, a HEAD of each job head gives its state
/// from <c>x-oss-meta-*</c>. No journal is read. A state filter scans at most <see cref="MaxScanned"/> index
/// entries per call and hands back a cursor, so one request stays bounded however old the matches are.
/// </summary>
internal sealed class JobIndex(IObjectStore store, string bucket)
{
    public const int MaxScanned = 1000;
    private const int ParallelHeads = 16;
    private const int FilteredPageSize = 100;

    public async Task<JobList> ListAsync(string? site, JobState? state, int limit, string? cursor, CancellationToken cancellationToken)
    {
        var prefix = site is null ? ObjectKeys.JobIndexPrefix : ObjectKeys.SiteJobIndexPrefix(site);
        var startAfter = cursor is null ? null : prefix + Cursor(cursor);
        var jobs = new List<JobSummary>();
        var scanned = 0;
        string? lastKey = null;
        bool more;
        while (true)
        {
            var want = state is null ? limit - jobs.Count : FilteredPageSize;
            var page = await store.ListAsync(
                bucket,
                new ListRequest { Prefix = prefix, StartAfter = startAfter, MaxKeys = Math.Min(want, MaxScanned - scanned) },
                cancellationToken);
            var summaries = await SummarizeAsync(page.Objects, prefix, site, cancellationToken);
            var full = false;
            var index = 0;
            for (; index < summaries.Length && !full; index++)
            {
                lastKey = page.Objects[index].Key;
                scanned++;
                if (summaries[index] is { } summary && (state is null || summary.State == state))
                {
                    jobs.Add(summary);
                    full = jobs.Count == limit;
                }
            }

            if (full || !page.IsTruncated || page.Objects.Count == 0 || scanned >= MaxScanned)
            {
                more = index < summaries.Length || (page.IsTruncated && page.Objects.Count > 0);
                break;
            }

            startAfter = lastKey;
        }

        return new JobList(jobs, more && lastKey is not null ? lastKey[prefix.Length..] : null);
    }

    private async Task<JobSummary?[]> SummarizeAsync(IReadOnlyList<ListedObject> objects, string prefix, string? site, CancellationToken cancellationToken)
    {
        var summaries = new JobSummary?[objects.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, objects.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelHeads, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                // A name that is not an index entry (a stray object) is skipped, not fatal.
                if (IndexEntry.TryParse(objects[index].Key[prefix.Length..]) is { } entry)
                {
                    summaries[index] = await SummarizeAsync(entry, site, token);
                }
            });
        return summaries;
    }

    private async Task<JobSummary> SummarizeAsync(IndexEntry entry, string? site, CancellationToken cancellationToken)
    {
        var head = await store.HeadAsync(bucket, ObjectKeys.JobHead(entry.JobId), cancellationToken);
        if (head is null)
        {
            // The index entry is written before the job's first head: the job is being created.
            return new JobSummary(entry.JobId, site, JobState.Pending, null, null, entry.CreatedAt, null);
        }

        var meta = head.Metadata;
        if (!meta.TryGetValue("state", out var stateText) || !Enum.TryParse<JobState>(stateText, ignoreCase: true, out var state))
        {
            // A head without the metadata (written by an older coordinator): read the document once.
            return await FromDocumentAsync(entry, cancellationToken);
        }

        return new JobSummary(
            entry.JobId,
            meta.GetValueOrDefault("site") ?? site,
            state,
            meta.TryGetValue("stage", out var stage) && Enum.TryParse<StageName>(stage, ignoreCase: true, out var stageName) ? stageName : null,
            meta.TryGetValue("attempt", out var attempt) && int.TryParse(attempt, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null,
            entry.CreatedAt,
            meta.TryGetValue("updated", out var updated) && DateTimeOffset.TryParse(updated, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : head.LastModified);
    }

    private async Task<JobSummary> FromDocumentAsync(IndexEntry entry, CancellationToken cancellationToken)
    {
        var job = await new JobReader(store, bucket).GetAsync(entry.JobId, cancellationToken);
        var current = job.Stages.LastOrDefault(s => s.State != StageState.Pending);
        return new JobSummary(job.JobId, job.Site, job.State, current?.Name, current?.Attempt, job.CreatedAt, job.UpdatedAt);
    }

    private static string Cursor(string cursor) =>
        cursor.Length is > 0 and <= 256 && !cursor.Contains('/', StringComparison.Ordinal)
            ? cursor
            : throw ApiProblem.BadRequest("InvalidCursor", "the cursor is not one this API handed out; start again without it");
}
