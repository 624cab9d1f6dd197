using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Orchestrator.Messaging.Mns;

namespace Orchestrator.Tools.DevCloud.Mns;

/// <summary>
/// One in-memory MNS queue: delayed messages, visibility timeout, redelivery counted in <c>DequeueCount</c>,
/// a fresh receipt handle per receive (an older one stops working), peeking that changes nothing, and long
/// polling that wakes on a send or when a delayed or in-flight message becomes visible.
/// </summary>
public sealed class LocalMnsQueue(MnsQueueSettings settings, TimeProvider time)
{
    private readonly Lock gate = new();
    private readonly List<MnsStoredMessage> messages = [];
    private TaskCompletionSource changed = NewSignal();
    private long sequence;

    public string Name { get; } = settings.Name;

    public MnsQueueSettings Settings { get; } = settings;

    /// <summary>Messages held (visible, delayed or in flight).</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return messages.Count;
            }
        }
    }

    /// <summary>SendMessage: stores the message, invisible for <paramref name="delaySeconds"/> (the queue's default when null).</summary>
    public MnsSendResult Send(string body, int? delaySeconds, int priority)
    {
        var delay = delaySeconds ?? Settings.DelaySeconds;
        if (delay is < 0 or > MnsLimits.MaxDelaySeconds)
        {
            throw new MnsQueueError("InvalidArgument", HttpStatusCode.BadRequest, $"DelaySeconds must be between 0 and {MnsLimits.MaxDelaySeconds}.");
        }

        if (priority is < 1 or > 16)
        {
            throw new MnsQueueError("InvalidArgument", HttpStatusCode.BadRequest, "Priority must be between 1 and 16.");
        }

        if (Encoding.UTF8.GetByteCount(body) > MnsLimits.MaxMessageBytes)
        {
            throw new MnsQueueError("InvalidArgument", HttpStatusCode.BadRequest, $"The message body exceeds {MnsLimits.MaxMessageBytes} bytes.");
        }

        var now = time.GetUtcNow();
        var md5 = Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(body)));
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        TaskCompletionSource wake;
        lock (gate)
        {
            messages.Add(new MnsStoredMessage(id, body, md5, priority, now, now.AddSeconds(delay), ++sequence));
            wake = changed;
            changed = NewSignal();
        }

        wake.TrySetResult();
        return new MnsSendResult(id, md5);
    }

    /// <summary>ReceiveMessage: the next visible message, waiting up to <paramref name="wait"/>; null when none came.</summary>
    public async Task<MnsReceivedMessage?> ReceiveAsync(TimeSpan wait, CancellationToken cancellationToken) =>
        (await ReceiveAsync(1, wait, cancellationToken)).FirstOrDefault();

    /// <summary>
    /// BatchReceiveMessage: up to <paramref name="count"/> visible messages, in delivery order, waiting up to
    /// <paramref name="wait"/> for the first; empty when none came.
    /// </summary>
    public async Task<IReadOnlyList<MnsReceivedMessage>> ReceiveAsync(int count, TimeSpan wait, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + wait;
        while (true)
        {
            Task signal;
            DateTimeOffset? nextVisible;
            var now = time.GetUtcNow();
            lock (gate)
            {
                var next = Visible(now).Take(count).ToList();
                if (next.Count > 0)
                {
                    return next.Select(m => Deliver(m, now)).ToList();
                }

                nextVisible = messages.Count == 0 ? null : messages.Min(m => m.VisibleAt);
                signal = changed.Task;
            }

            if (now >= deadline)
            {
                return [];
            }

            var until = nextVisible is { } visible && visible < deadline ? visible : deadline;
            var pause = until - now;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var timer = Task.Delay(pause < TimeSpan.Zero ? TimeSpan.Zero : pause, time, timeout.Token);
            await Task.WhenAny(signal, timer);
            await timeout.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>
    /// PeekMessage/BatchPeekMessage: up to <paramref name="count"/> visible messages, in delivery order, left as they
    /// are (still visible, same receive count, no new receipt handle).
    /// </summary>
    public IReadOnlyList<MnsPeekedMessage> Peek(int count)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            return Visible(now)
                .Take(count)
                .Select(m => new MnsPeekedMessage(m.Id, m.Body, m.BodyMd5, m.EnqueueTime, m.FirstDequeueTime ?? m.EnqueueTime, m.DequeueCount, m.Priority))
                .ToList();
        }
    }

    /// <summary>DeleteMessage by the latest receipt handle, while the message is still in flight.</summary>
    public void Delete(string receiptHandle)
    {
        lock (gate)
        {
            messages.Remove(InFlight(receiptHandle));
        }
    }

    /// <summary>ChangeMessageVisibility: the message becomes visible after <paramref name="seconds"/>; answers its new handle.</summary>
    public MnsVisibility ChangeVisibility(string receiptHandle, int seconds)
    {
        if (seconds is < 0 or > MnsLimits.MaxVisibilityTimeoutSeconds)
        {
            throw new MnsQueueError("InvalidArgument", HttpStatusCode.BadRequest, $"VisibilityTimeout must be between 0 and {MnsLimits.MaxVisibilityTimeoutSeconds}.");
        }

        TaskCompletionSource wake;
        MnsVisibility result;
        lock (gate)
        {
            var message = InFlight(receiptHandle);
            message.VisibleAt = time.GetUtcNow().AddSeconds(seconds);
            message.ReceiptHandle = NewReceiptHandle(message);
            result = new MnsVisibility(message.ReceiptHandle, message.VisibleAt);
            wake = changed;
            changed = NewSignal();
        }

        // A waiting receiver recomputes when to look again.
        wake.TrySetResult();
        return result;
    }

    // Delivery order: priority first (1 before 16), then the order they were sent. Callers hold the lock.
    private IEnumerable<MnsStoredMessage> Visible(DateTimeOffset now) =>
        messages.Where(m => m.VisibleAt <= now).OrderBy(m => m.Priority).ThenBy(m => m.Sequence);

    private MnsStoredMessage InFlight(string receiptHandle)
    {
        var message = messages.FirstOrDefault(m => string.Equals(m.ReceiptHandle, receiptHandle, StringComparison.Ordinal));
        if (message is null || message.VisibleAt <= time.GetUtcNow())
        {
            // As MNS: a handle past the message's NextVisibleTime, or replaced by a later receive, no longer exists.
            throw new MnsQueueError("MessageNotExist", HttpStatusCode.NotFound, "Message not exist, or the receipt handle has expired.");
        }

        return message;
    }

    private MnsReceivedMessage Deliver(MnsStoredMessage message, DateTimeOffset now)
    {
        message.DequeueCount++;
        message.FirstDequeueTime ??= now;
        message.VisibleAt = now.AddSeconds(Settings.VisibilityTimeoutSeconds);
        message.ReceiptHandle = NewReceiptHandle(message);
        return new MnsReceivedMessage(
            message.Id,
            message.ReceiptHandle,
            message.Body,
            message.BodyMd5,
            message.EnqueueTime,
            message.FirstDequeueTime.Value,
            message.VisibleAt,
            message.DequeueCount,
            message.Priority);
    }

    private static string NewReceiptHandle(MnsStoredMessage message)
    {
        // MNS handles look like "1-<base64>" and change at every receive; '+', '/' and '=' test the callers' URL encoding.
        var text = string.Create(CultureInfo.InvariantCulture, $"{message.Sequence}-{message.VisibleAt.ToUnixTimeMilliseconds()}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(6))}");
        return "1-" + Convert.ToBase64String(Encoding.ASCII.GetBytes(text));
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
