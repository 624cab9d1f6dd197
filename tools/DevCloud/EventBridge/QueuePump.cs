using Microsoft.Extensions.Logging;
using Orchestrator.Messaging.Mns;
using Orchestrator.Tools.DevCloud.Config;
using Orchestrator.Tools.DevCloud.Fc;

namespace Orchestrator.Tools.DevCloud.EventBridge;

/// <summary>
/// One EventBridge trigger with an MNS queue source: receives from the queue over MNS's REST API, POSTs each
/// message as a CloudEvents batch to the target, deletes it on success; on failure hides it for the strategy's
/// backoff so it is redelivered, and after MaximumRetryAttempts retries (or past MaximumEventAgeInSeconds) puts the
/// event on the dead-letter queue. A message whose delivery was cut short (the instance died, the pump stopped)
/// simply becomes visible again when its visibility timeout ends, and MNS's DequeueCount keeps the tally.
/// </summary>
public sealed class QueuePump(
    QueueTriggerSpec trigger,
    FunctionSpec function,
    string accountId,
    MnsClient queues,
    Func<byte[], CancellationToken, Task<InvokeOutcome>> invoke,
    PumpOptions options,
    TimeProvider time,
    ILogger logger)
{
    private static readonly TimeSpan ErrorPause = TimeSpan.FromSeconds(1);

    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, trigger.MaximumTasks).Select(_ => Task.Run(() => WorkAsync(cancellationToken), CancellationToken.None)));

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var message = await queues.ReceiveMessageAsync(trigger.QueueName, options.PollWaitSeconds, cancellationToken);
                if (message is not null)
                {
                    await DeliverAsync(message, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is HttpRequestException or MnsException)
            {
                Logs.PumpError(logger, trigger.QueueName, exception.Message);
                await Task.Delay(ErrorPause, time, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task DeliverAsync(MnsReceivedMessage message, CancellationToken cancellationToken)
    {
        var attempts = trigger.MaximumRetryAttempts + 1;
        var batch = CloudEventBatch.Create(trigger, function.Region, accountId, [message], time.GetUtcNow());
        if (message.DequeueCount > attempts)
        {
            // Earlier deliveries were lost with their instance; their tries count all the same.
            await DeadLetterAsync(message, batch, $"{message.DequeueCount - 1} deliveries did not complete", cancellationToken);
            return;
        }

        var outcome = await invoke(batch, cancellationToken);
        if (outcome.Succeeded && options.DuplicateDeliveryQueues.Contains(trigger.QueueName))
        {
            outcome = await invoke(CloudEventBatch.Create(trigger, function.Region, accountId, [message], time.GetUtcNow()), cancellationToken);
        }

        if (outcome.Succeeded)
        {
            await queues.DeleteMessageAsync(trigger.QueueName, message.ReceiptHandle, cancellationToken);
            return;
        }

        if (message.DequeueCount >= attempts)
        {
            await DeadLetterAsync(message, batch, outcome.Failure!, cancellationToken);
            return;
        }

        var delay = RetryBackoff.DelaySeconds(trigger.PushRetryStrategy, message.DequeueCount, options);
        Logs.DeliveryFailed(logger, trigger.QueueName, function.FunctionName, message.MessageId, message.DequeueCount, attempts, outcome.Failure!, delay);
        await queues.ChangeMessageVisibilityAsync(trigger.QueueName, message.ReceiptHandle, delay, cancellationToken);
    }

    private async Task DeadLetterAsync(MnsReceivedMessage message, byte[] batch, string reason, CancellationToken cancellationToken)
    {
        Logs.DeadLettered(logger, trigger.QueueName, function.FunctionName, message.MessageId, trigger.DeadLetterQueue ?? "(none: dropped)", reason);
        if (trigger.DeadLetterQueue is { } deadLetter)
        {
            await queues.SendMessageAsync(deadLetter, System.Text.Encoding.UTF8.GetString(batch), TimeSpan.Zero, cancellationToken);
        }

        await queues.DeleteMessageAsync(trigger.QueueName, message.ReceiptHandle, cancellationToken);
    }
}
