using Microsoft.Extensions.Logging;
using Orchestrator.Messaging.Mns;

namespace Orchestrator.Tools.DevCloud.EventBridge;

/// <summary>
/// Keeps a received message invisible while its delivery is under way, however long the target takes (an
/// invocation queued behind busy instances, a slow function): every third of the visibility timeout the message's
/// visibility is renewed, and the receipt handle each renewal answers replaces the old one. Without it a delivery
/// slower than the visibility timeout hands the message to a second receiver, the first delivery's DeleteMessage
/// fails on its expired handle, and the message is delivered again and again while newer ones wait behind it.
/// </summary>
internal sealed class MessageLease : IAsyncDisposable
{
    private readonly MnsClient _queues;
    private readonly string _queue;
    private readonly string _messageId;
    private readonly int _visibilitySeconds;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewing;

    public MessageLease(MnsClient queues, string queue, MnsReceivedMessage message, int visibilitySeconds, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(message);
        _queues = queues;
        _queue = queue;
        _messageId = message.MessageId;
        _visibilitySeconds = visibilitySeconds;
        _time = time;
        _logger = logger;
        ReceiptHandle = message.ReceiptHandle;
        _renewing = Task.Run(() => RenewAsync(_stop.Token), CancellationToken.None);
    }

    /// <summary>The message's current receipt handle: valid only once the lease is disposed (renewals change it).</summary>
    public string ReceiptHandle { get; private set; }

    /// <summary>Stops renewing; afterwards <see cref="ReceiptHandle"/> is the one to delete or hide the message with.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewing;
        _stop.Dispose();
    }

    private async Task RenewAsync(CancellationToken cancellationToken)
    {
        var period = TimeSpan.FromSeconds(_visibilitySeconds / 3.0);
        while (true)
        {
            try
            {
                await Task.Delay(period, _time, cancellationToken);

                // Not cut short by the stop: a renewal the server applied but whose answer was dropped would leave a
                // handle that no longer works.
                var renewed = await _queues.ChangeMessageVisibilityAsync(_queue, ReceiptHandle, _visibilitySeconds, CancellationToken.None);
                ReceiptHandle = renewed.ReceiptHandle;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is MnsException or HttpRequestException)
            {
                // The handle expired before a renewal got through (a stalled machine): the message may be delivered
                // again elsewhere, and this delivery's outcome can no longer be settled with it. At least once holds.
                Logs.LeaseLost(_logger, _queue, _messageId, exception.Message);
                return;
            }
        }
    }
}
