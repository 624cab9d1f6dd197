using System.Globalization;
using System.Text;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Storage;
using Orchestrator.Workflow.Journal;
using Orchestrator.Workflow.Sweep;

namespace Orchestrator.Workflow.Engine;

public sealed partial class Coordinator
{
    /// <summary>
    /// The safety net under the due index: each sweep checks the next <see cref="Policy.CoordinatorOptions.SafetyNetSlice"/>
    /// jobs of <c>index/active/</c> (a cursor object remembers where), so every active job is checked once per
    /// active ÷ slice ticks. A check is one HEAD of the head, and one HEAD of the journal entry after it; only a job that
    /// shows trouble is loaded: no head (its first entry's effects died), no due-index field (from before the due
    /// index: migrated here), ended (its active marker is left over), overdue, or a head behind its journal.
    /// </summary>
    private async Task SweepActiveSliceAsync(DateTimeOffset now, SweepTally tally, CancellationToken cancellationToken)
    {
        var cursor = await ReadCursorAsync(cancellationToken);
        var page = await _store.ListAsync(
            _options.Bucket,
            new ListRequest { Prefix = WorkflowKeys.ActivePrefix, StartAfter = cursor.Length > 0 ? cursor : null, MaxKeys = _options.SafetyNetSlice },
            cancellationToken);
        await ForEachJobAsync(
            page.Objects,
            marker => marker.Key[WorkflowKeys.ActivePrefix.Length..],
            (marker, token) => CheckActiveAsync(marker, now, tally, token),
            tally,
            cancellationToken);
        // A slice cut short by the budget is not redone: what it skipped is met on the next round.
        var next = page.IsTruncated && page.Objects.Count > 0 ? page.Objects[^1].Key : "";
        if (!string.Equals(next, cursor, StringComparison.Ordinal))
        {
            await PutTextAsync(WorkflowKeys.SweepCursor, next, cancellationToken);
        }
    }

    private async Task CheckActiveAsync(ListedObject marker, DateTimeOffset now, SweepTally tally, CancellationToken cancellationToken)
    {
        tally.Add(SweepCount.Checked);
        var jobId = marker.Key[WorkflowKeys.ActivePrefix.Length..];
        var head = await _store.HeadAsync(_options.Bucket, ObjectKeys.JobHead(jobId), cancellationToken);
        var legacy = head is not null && !head.Metadata.ContainsKey(JobJournal.DueIndexMetadata);
        var trouble = head is null ? "no head"
            : legacy ? "not in the due index"
            : Enum.TryParse<JobState>(head.Metadata.GetValueOrDefault("state"), out var state) && JobDocuments.IsTerminal(state) ? "ended"
            : DateTimeOffset.TryParse(head.Metadata.GetValueOrDefault("due"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var due) && due + _options.SweepGrace <= now ? "overdue"
            : await _journal.ExistsAsync(jobId, JobJournal.SeqOf(head) + 1, cancellationToken) ? "head behind its journal"
            : null;
        if (trouble is null)
        {
            return;
        }

        _logger.SafetyNetCaught(jobId, trouble);
        var swept = await SweepJobAsync(jobId, [], legacy, tally, cancellationToken);
        if (swept.Latest is null)
        {
            // The active marker goes first at an upload; a journal that never followed means that upload died.
            if (marker.LastModified + _options.SweepGrace <= now)
            {
                _logger.OrphanMarker(jobId);
                await _store.DeleteAsync(_options.Bucket, marker.Key, cancellationToken);
            }
        }
        else if (swept.Settled && JobDocuments.IsTerminal(swept.Latest.To))
        {
            await _store.DeleteAsync(_options.Bucket, marker.Key, cancellationToken);
        }
    }

    private async Task<string> ReadCursorAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var content = await _store.GetAsync(_options.Bucket, WorkflowKeys.SweepCursor, null, cancellationToken);
            using var reader = new StreamReader(content.Content, Encoding.UTF8);
            var cursor = await reader.ReadToEndAsync(cancellationToken);
            return cursor.StartsWith(WorkflowKeys.ActivePrefix, StringComparison.Ordinal) ? cursor : "";
        }
        catch (ObjectNotFoundException)
        {
            return "";
        }
    }

    private async Task PutTextAsync(string key, string text, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(Encoding.UTF8.GetBytes(text), writable: false);
        await _store.PutAsync(_options.Bucket, key, body, new PutOptions { ContentType = "text/plain" }, cancellationToken);
    }
}
