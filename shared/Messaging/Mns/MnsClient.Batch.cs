using System.Globalization;

namespace Orchestrator.Messaging.Mns;

/// <summary>The batch reads: BatchReceiveMessage and BatchPeekMessage (at most <see cref="MnsLimits.MaxBatchMessages"/> each).</summary>
public sealed partial class MnsClient
{
    /// <summary>
    /// Takes up to <paramref name="count"/> visible messages, each hidden for the queue's visibility timeout, waiting
    /// up to <paramref name="waitSeconds"/> for the first; empty when none came.
    /// </summary>
    public async Task<IReadOnlyList<MnsReceivedMessage>> ReceiveMessagesAsync(string queue, int count, int waitSeconds, CancellationToken cancellationToken)
    {
        CheckBatchSize(count);
        ArgumentOutOfRangeException.ThrowIfNegative(waitSeconds);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(waitSeconds, MnsLimits.MaxWaitSeconds);
        var resource = QueuePath(queue) + "/messages?numOfMessages=" + count.ToString(CultureInfo.InvariantCulture)
            + "&waitseconds=" + waitSeconds.ToString(CultureInfo.InvariantCulture);
        return await ReadBatchAsync(resource, "BatchReceiveMessage", MnsXml.ReadReceivedMessages, cancellationToken);
    }

    /// <summary>
    /// Looks at up to <paramref name="count"/> visible messages at the head of the queue without changing them: they
    /// stay visible, their receive count and receipt handles untouched. Empty when none is visible.
    /// </summary>
    public async Task<IReadOnlyList<MnsPeekedMessage>> PeekMessagesAsync(string queue, int count, CancellationToken cancellationToken)
    {
        CheckBatchSize(count);
        var resource = QueuePath(queue) + "/messages?peekonly=true&numOfMessages=" + count.ToString(CultureInfo.InvariantCulture);
        return await ReadBatchAsync(resource, "BatchPeekMessage", MnsXml.ReadPeekedMessages, cancellationToken);
    }

    private static void CheckBatchSize(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MnsLimits.MaxBatchMessages);
    }

    private async Task<IReadOnlyList<T>> ReadBatchAsync<T>(string resource, string operation, Func<string, IReadOnlyList<T>> parse, CancellationToken cancellationToken)
    {
        try
        {
            var response = await SendAsync(HttpMethod.Get, resource, null, operation, cancellationToken);
            return Read(response, parse);
        }
        catch (MnsException exception) when (exception.Code == "MessageNotExist")
        {
            return [];
        }
    }
}
