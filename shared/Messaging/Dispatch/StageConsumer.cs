using MassTransit;
using Microsoft.Extensions.Logging;
using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Storage.Results;

namespace Orchestrator.Messaging.Dispatch;

/// <summary>
/// A stage function's consumer: runs <see cref="IStage{TRequest}"/> and reports to the coordinator —
/// <see cref="StageSucceeded"/> with the outputs, or <see cref="StageFailed"/> with the
/// <see cref="StageFailedException"/>'s error; any other exception is an <c>UnexpectedError</c> (retryable), logged.
/// Results before reports: the report is first stored create-only as the attempt's result and marked in the due index,
/// and only then sent, so a lost report costs the coordinator one sweep, not a rerun. A redelivered request whose
/// result is stored re-sends that report without running the stage; the first result stored wins. The report's id is
/// derived from the request's, so every delivery reports under the same id. Only a failure to store or send, or a
/// <see cref="StageDeferredException"/>, fails the invocation (then the request is redelivered).
/// </summary>
public sealed class StageConsumer<TRequest>(
    IStage<TRequest> stage,
    IMessageSender sender,
    StageResultStore results,
    TimeProvider time,
    ILogger<StageConsumer<TRequest>> logger) : IConsumer<TRequest>
    where TRequest : class, IStageMessage
{
    public async Task Consume(ConsumeContext<TRequest> context)
    {
        if (WarmUp.IsWarmUp(context))
        {
            return;
        }

        var request = context.Message;
        var cancellationToken = context.CancellationToken;
        var report = await StoredReportAsync(request, cancellationToken);
        if (report is not null)
        {
            Logs.ReportResent(logger, request.JobId, StageLabel(request.Stage), request.Attempt, report.MessageId);
        }
        else
        {
            report = await RunAsync(request, cancellationToken);
            if (!await results.TryCreateAsync(report, cancellationToken) && await StoredReportAsync(request, cancellationToken) is { } first)
            {
                // Another delivery of this request stored its outcome first: that one is the attempt's outcome.
                Logs.ReportSuperseded(logger, request.JobId, StageLabel(request.Stage), request.Attempt, first.MessageId);
                report = first;
            }
        }

        await results.MarkAsync(report, time.GetUtcNow(), cancellationToken);
        await sender.SendAsync(Destination.Coordinator, report, TimeSpan.Zero, cancellationToken);
    }

    private async Task<IStageMessage> RunAsync(TRequest request, CancellationToken cancellationToken)
    {
        var reportId = StageReportIds.For(request.MessageId);
        try
        {
            var outputs = await stage.RunAsync(request, cancellationToken);
            Logs.StageSucceeded(logger, request.JobId, StageLabel(request.Stage), request.Attempt);
            return new StageSucceeded(reportId, request.JobId, request.Stage, request.Attempt, outputs);
        }
        catch (StageFailedException exception)
        {
            Logs.StageFailed(logger, request.JobId, StageLabel(request.Stage), request.Attempt, exception.Code, exception.Retryable, exception.Message);
            return new StageFailed(reportId, request.JobId, request.Stage, request.Attempt, exception.ToStageError());
        }
        catch (StageDeferredException exception)
        {
            // No outcome and no report: the request itself comes back (see StageDeferredException).
            Logs.StageDeferred(logger, request.JobId, StageLabel(request.Stage), request.Attempt, exception.Code, exception.Message);
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Out of time: FC ends the invocation anyway, and the coordinator's deadline notices.
            throw;
        }
        catch (Exception exception)
        {
            Logs.StageCrashed(logger, exception, request.JobId, StageLabel(request.Stage), request.Attempt);
            var error = new StageError("UnexpectedError", exception.GetType().Name + ": " + exception.Message, Retryable: true);
            return new StageFailed(reportId, request.JobId, request.Stage, request.Attempt, error);
        }
    }

    /// <summary>The attempt's stored report; null when none is stored, or when the stored object is refused (logged).</summary>
    private async Task<IStageMessage?> StoredReportAsync(TRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await results.ReadAsync(request.JobId, request.Stage, request.Attempt, StageReportIds.For(request.MessageId), cancellationToken);
        }
        catch (StageResultRejectedException rejected)
        {
            // It cannot be overwritten (create-only), so this delivery's own outcome is reported without a stored copy:
            // the coordinator refuses the object too, and falls back to its deadline if this report is lost.
            Logs.StoredResultRefused(logger, request.JobId, StageLabel(request.Stage), request.Attempt, rejected.Message);
            return null;
        }
    }

    private static string StageLabel(StageName stage) => stage.ToString().ToLowerInvariant();
}
