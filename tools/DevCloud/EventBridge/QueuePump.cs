using Microsoft.Extensions.Logging;
using Orchestrator.Messaging.Mns;
using Orchestrator.Tools.DevCloud.Config;
using Orchestrator.Tools.DevCloud.Fc;

namespace Orchestrator.Tools.DevCloud.EventBridge;

/// <summary>
/// One EventBridge trigger with an MNS queue source: receives from the queue over MNS's REST API, POSTs each
/// message as a CloudEvents batch to the target, deletes it on success; on failure hides it for the strategy's
/// backoff so it is redelivered, and after MaximumRetryAttempts retries (or past MaximumEventAgeInSeconds) puts the
/// event on the dead-letter queue. While a delivery is under way the message is held (<see cref="MessageLease"/>),
/// however long the target takes; a delivery cut short (the pump stopped) lets the message become visible again when
/// its visibility timeout ends, and MNS's DequeueCount keeps the tally.
/// </summary>
public sealed class QueuePump(
    QueueTriggerSpec trigger,
    FunctionSpec function,
    string accountId,
    MnsClient queues,
    Func<byte[], CancellationToken, Task<InvokeOutcome>> invoke,
    PumpOptions options,
    DeliveryCounters counters,
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
        Logs.Received(logger, trigger.QueueName, function.FunctionName, message.MessageId, message.DequeueCount);
        if (message.DequeueCount > 1)
        {
            counters.Redelivered();
        }

        if (message.DequeueCount > attempts)
        {
            // Earlier deliveries were lost with their instance; their tries count all the same.
            await DeadLetterAsync(message, message.ReceiptHandle, batch, $"{message.DequeueCount - 1} deliveries did not complete", cancellationToken);
            return;
        }

        var started = time.GetTimestamp();
        InvokeOutcome outcome;
        var lease = new MessageLease(queues, trigger.QueueName, message, options.VisibilityTimeoutSeconds, time, logger);
        try
        {
            outcome = await invoke(batch, cancellationToken);
            if (outcome.Succeeded && options.DuplicateDeliveryQueues.Contains(trigger.QueueName))
            {
                outcome = await invoke(CloudEventBatch.Create(trigger, function.Region, accountId, [message], time.GetUtcNow()), cancellationToken);
            }
        }
        finally
        {
            await lease.DisposeAsync();
        }

        var handle = lease.ReceiptHandle;
        var took = (long)time.GetElapsedTime(started).TotalMilliseconds;
        if (outcome.Succeeded)
        {
            try
            {
                await queues.DeleteMessageAsync(trigger.QueueName, handle, cancellationToken);
                Logs.Delivered(logger, trigger.QueueName, function.FunctionName, message.MessageId, message.DequeueCount, outcome.RequestId, took);
            }
            catch (MnsException exception)
            {
                // Only when the lease was lost: the message is visible again and will be delivered once more.
                Logs.NotDeleted(logger, trigger.QueueName, function.FunctionName, message.MessageId, message.DequeueCount, outcome.RequestId, took, exception.Message);
            }

            return;
        }

        if (message.DequeueCount >= attempts)
        {
            await DeadLetterAsync(message, handle, batch, outcome.Failure!, cancellationToken);
            return;
        }

        var delay = RetryBackoff.DelaySeconds(trigger.PushRetryStrategy, message.DequeueCount, options);
        Logs.DeliveryFailed(logger, trigger.QueueName, function.FunctionName, message.MessageId, message.DequeueCount, attempts, outcome.Failure!, delay);
        await queues.ChangeMessageVisibilityAsync(trigger.QueueName, handle, delay, cancellationToken);
    }

    private async Task DeadLetterAsync(MnsReceivedMessage message, string handle, byte[] batch, string reason, CancellationToken cancellationToken)
    {
        Logs.DeadLettered(logger, trigger.QueueName, function.FunctionName, message.MessageId, trigger.DeadLetterQueue ?? "(none: dropped)", reason);
        counters.GaveUp();
        if (trigger.DeadLetterQueue is { } deadLetter)
        {
            await queues.SendMessageAsync(deadLetter, System.Text.Encoding.UTF8.GetString(batch), TimeSpan.Zero, cancellationToken);
        }

        await queues.DeleteMessageAsync(trigger.QueueName, handle, cancellationToken);
    }
}
