using System.Security.Cryptography;
using System.Text;
using MassTransit;
using Microsoft.Extensions.Logging;
using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;

namespace Orchestrator.Messaging.Dispatch;

/// <summary>
/// A stage function's consumer: runs <see cref="IStage{TRequest}"/> and reports to the coordinator —
/// <see cref="StageSucceeded"/> with the outputs, or <see cref="StageFailed"/> with the
/// <see cref="StageFailedException"/>'s error; any other exception is an <c>UnexpectedError</c> (retryable), logged.
/// The report's id is derived from the request's, so a redelivered request reports under the same id.
/// Only a failure to send the report, or a <see cref="StageDeferredException"/>, fails the invocation (then the request
/// is redelivered).
/// </summary>
public sealed class StageConsumer<TRequest>(IStage<TRequest> stage, IMessageSender sender, ILogger<StageConsumer<TRequest>> logger) : IConsumer<TRequest>
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
        var reportId = ReportIdFor(request.MessageId);
        IMessage report;
        try
        {
            var outputs = await stage.RunAsync(request, cancellationToken);
            report = new StageSucceeded(reportId, request.JobId, request.Stage, request.Attempt, outputs);
            Logs.StageSucceeded(logger, request.JobId, StageLabel(request.Stage), request.Attempt);
        }
        catch (StageFailedException exception)
        {
            report = new StageFailed(reportId, request.JobId, request.Stage, request.Attempt, exception.ToStageError());
            Logs.StageFailed(logger, request.JobId, StageLabel(request.Stage), request.Attempt, exception.Code, exception.Retryable, exception.Message);
        }
        catch (StageDeferredException exception)
        {
            // No report: the request itself comes back (see StageDeferredException).
            Logs.StageDeferred(logger, request.JobId, StageLabel(request.Stage), request.Attempt, exception.Code, exception.Message);
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Out of time: FC ends the invocation anyway, and the coordinator's deadline sweep notices.
            throw;
        }
        catch (Exception exception)
        {
            Logs.StageCrashed(logger, exception, request.JobId, StageLabel(request.Stage), request.Attempt);
            var error = new StageError("UnexpectedError", exception.GetType().Name + ": " + exception.Message, Retryable: true);
            report = new StageFailed(reportId, request.JobId, request.Stage, request.Attempt, error);
        }

        await sender.SendAsync(Destination.Coordinator, report, TimeSpan.Zero, cancellationToken);
    }

    /// <summary>The id of the report on request <paramref name="requestId"/>: stable across redeliveries.</summary>
    public static string ReportIdFor(string requestId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("stage-report\n" + requestId));
        return "rpt-" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    private static string StageLabel(StageName stage) => stage.ToString().ToLowerInvariant();
}
