using System.Globalization;
using System.Text.Json;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Json;
using Orchestrator.Contracts.Messages;
using Orchestrator.Storage;

namespace Orchestrator.Messaging.Results;

/// <summary>
/// The stored outcomes of stage attempts (ARCHITECTURE.md §5, "Results before reports"). A stage stores its report
/// here, create-only, before it sends it, and marks it in the due index; the coordinator reads it back when the report
/// does not come. Both sides use this one class, so what one writes the other reads.
/// </summary>
public sealed class StageResultStore(IObjectStore store, string bucket)
{
    /// <summary>Stores <paramref name="report"/> as its attempt's result; false when a result was stored first (it stays).</summary>
    public async Task<bool> TryCreateAsync(IStageMessage report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(StageResult.Of(report), ContractsJsonContext.Default.StageResult);
        var options = new PutOptions
        {
            ContentType = "application/json",
            ForbidOverwrite = true,
            Metadata = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["job-id"] = report.JobId,
                ["stage"] = ObjectKeys.Lower(report.Stage),
                ["attempt"] = report.Attempt.ToString(CultureInfo.InvariantCulture),
            },
        };
        try
        {
            using var body = new MemoryStream(bytes, writable: false);
            await store.PutAsync(bucket, ObjectKeys.StageResult(report.JobId, report.Stage, report.Attempt), body, options, cancellationToken);
            return true;
        }
        catch (ObjectAlreadyExistsException)
        {
            return false;
        }
    }

    /// <summary>The stored report of the attempt, or null when none is stored.</summary>
    /// <param name="jobId">The attempt's job; the key is derived from it, the stage and the attempt.</param>
    /// <param name="stage">The attempt's stage.</param>
    /// <param name="attempt">The attempt's number.</param>
    /// <param name="reportId">The id the attempt's report must carry (<see cref="StageReportIds.For"/> of its request id).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="StageResultRejectedException">
    /// The object is not that attempt's result: unreadable, or its job, stage, attempt or report id differ from what the
    /// key and the request say (a copy of another job's result, or a forgery).
    /// </exception>
    public async Task<IStageMessage?> ReadAsync(string jobId, StageName stage, int attempt, string reportId, CancellationToken cancellationToken)
    {
        var key = ObjectKeys.StageResult(jobId, stage, attempt);
        StageResult? stored;
        try
        {
            await using var content = await store.GetAsync(bucket, key, null, cancellationToken);
            stored = await JsonSerializer.DeserializeAsync(content.Content, ContractsJsonContext.Default.StageResult, cancellationToken);
        }
        catch (ObjectNotFoundException)
        {
            return null;
        }
        catch (JsonException exception)
        {
            throw new StageResultRejectedException(key, "it is not a stage result: " + exception.Message, exception);
        }

        var report = stored?.Report ?? throw new StageResultRejectedException(key, "it holds neither exactly one success nor one failure");
        if (!string.Equals(report.JobId, jobId, StringComparison.Ordinal) || report.Stage != stage || report.Attempt != attempt)
        {
            throw new StageResultRejectedException(key, $"it says job {report.JobId} {report.Stage} attempt {report.Attempt}");
        }

        return string.Equals(report.MessageId, reportId, StringComparison.Ordinal)
            ? report
            : throw new StageResultRejectedException(key, $"its report id {report.MessageId} is not the attempt's {reportId}");
    }

    /// <summary>
    /// Marks the stored result in the due index at <paramref name="at"/>, so the coordinator's sweep looks at it if the
    /// report never arrives: the wake-up is as durable as the result.
    /// </summary>
    public async Task MarkAsync(IStageMessage report, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var key = ObjectKeys.DueMarker(at, ObjectKeys.AttemptName(report.JobId, report.Stage, report.Attempt, ObjectKeys.ResultKind));
        using var body = new MemoryStream([], writable: false);
        await store.PutAsync(bucket, key, body, new PutOptions { ContentType = "text/plain" }, cancellationToken);
    }
}
