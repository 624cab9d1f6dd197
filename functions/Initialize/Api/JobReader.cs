using System.Globalization;
using System.Text.Json;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Status;
using Orchestrator.Storage;

namespace Orchestrator.Functions.Initialize.Api;

/// <summary>
/// Reads one job from OSS: its head document, its journal as history, its stage logs. Never writes: every change
/// goes through the coordinator.
/// </summary>
internal sealed class JobReader(IObjectStore store, string bucket)
{
    private const int ParallelReads = 8;

    public async Task<JobDocument> GetAsync(string jobId, CancellationToken cancellationToken) =>
        await TryGetAsync(jobId, cancellationToken) ?? throw ApiProblem.JobNotFound(jobId);

    /// <summary>The job's head document, or null when there is none (yet: a new job's head is written last).</summary>
    public async Task<JobDocument?> TryGetAsync(string jobId, CancellationToken cancellationToken)
    {
        try
        {
            await using var content = await store.GetAsync(bucket, ObjectKeys.JobHead(jobId), null, cancellationToken);
            return await JsonSerializer.DeserializeAsync(content.Content, StatusJsonContext.Default.JobDocument, cancellationToken)
                ?? throw new InvalidDataException($"the head of job '{jobId}' is empty");
        }
        catch (ObjectNotFoundException)
        {
            return null;
        }
    }

    public async Task<JobHistory> GetHistoryAsync(string jobId, CancellationToken cancellationToken)
    {
        var keys = await ListAllAsync(ObjectKeys.JournalPrefix(jobId), cancellationToken);
        if (keys.Count == 0 && await store.HeadAsync(bucket, ObjectKeys.JobHead(jobId), cancellationToken) is null)
        {
            throw ApiProblem.JobNotFound(jobId);
        }

        var entries = new HistoryEntry[keys.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, keys.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                await using var content = await store.GetAsync(bucket, keys[index], null, token);
                entries[index] = await JsonSerializer.DeserializeAsync(content.Content, StatusJsonContext.Default.HistoryEntry, token)
                    ?? throw new InvalidDataException($"journal entry '{keys[index]}' is empty");
            });
        return new JobHistory([.. entries.OrderBy(e => e.Seq)]);
    }

    /// <summary>Opens the log of <paramref name="attempt"/>, or of the latest attempt that wrote one.</summary>
    public async Task<ObjectContent> OpenLogAsync(string jobId, StageName stage, int? attempt, CancellationToken cancellationToken)
    {
        var wanted = attempt ?? await LatestLogAttemptAsync(jobId, stage, cancellationToken);
        if (wanted is { } number)
        {
            try
            {
                return await store.GetAsync(bucket, ObjectKeys.StageLog(jobId, stage, number), null, cancellationToken);
            }
            catch (ObjectNotFoundException)
            {
                // Fall through: say whether the job or only the log is missing.
            }
        }

        if (await store.HeadAsync(bucket, ObjectKeys.JobHead(jobId), cancellationToken) is null)
        {
            throw ApiProblem.JobNotFound(jobId);
        }

        var which = wanted is { } n ? $"attempt {n.ToString(CultureInfo.InvariantCulture)} of " : "";
        throw ApiProblem.NotFound("LogNotFound", $"job '{jobId}' has no log for {which}stage {ObjectKeys.Lower(stage)} yet");
    }

    private async Task<int?> LatestLogAttemptAsync(string jobId, StageName stage, CancellationToken cancellationToken)
    {
        // Keys are ".../logs/<stage>-<attempt>.log"; attempts sort as text, so compare the parsed numbers.
        var prefix = ObjectKeys.StageLog(jobId, stage, 1)[..^"1.log".Length];
        int? latest = null;
        foreach (var key in await ListAllAsync(prefix, cancellationToken))
        {
            var tail = key[prefix.Length..];
            if (tail.EndsWith(".log", StringComparison.Ordinal)
                && int.TryParse(tail[..^4], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                && number > (latest ?? 0))
            {
                latest = number;
            }
        }

        return latest;
    }

    private async Task<List<string>> ListAllAsync(string prefix, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        string? token = null;
        do
        {
            var page = await store.ListAsync(bucket, new ListRequest { Prefix = prefix, ContinuationToken = token }, cancellationToken);
            keys.AddRange(page.Objects.Select(o => o.Key));
            token = page.IsTruncated ? page.NextContinuationToken : null;
        }
        while (token is not null);
        return keys;
    }
}
