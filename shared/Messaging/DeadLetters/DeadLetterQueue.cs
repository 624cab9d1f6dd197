using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Status;
using Orchestrator.Messaging.Mns;
using Orchestrator.Messaging.Outbound;

namespace Orchestrator.Messaging.DeadLetters;

/// <summary>
/// The dead-letter queue (<c>Mns:Queues:DeadLetter</c>) as an operator sees it: listed by peeking, so a look never
/// takes or hides a message; replayed by receiving, re-sending each message's original body to the queue it was
/// taken from (only this system's four queues), then deleting the dead letter. Whatever a replay received and did not
/// replay is made visible again at once; were that to fail, the queue's visibility timeout does it. Replaying is
/// safe at any time: every message carries its id, and the coordinator ignores duplicates and stale attempts.
/// </summary>
public sealed partial class DeadLetterQueue(MnsClient client, IOptions<MessagingOptions> options, ILogger<DeadLetterQueue> logger)
{
    /// <summary>At most this many dead letters are re-sent by one <see cref="ReplayAllAsync"/>; the answer says when more wait.</summary>
    public const int MaxReplayedPerCall = 100;

    /// <summary>A replay looks through at most this many dead letters before it gives up looking.</summary>
    public const int MaxScanned = 1000;

    // ChangeMessageVisibility's smallest timeout: a message received and not replayed is visible again a second later.
    private const int ReleaseSeconds = 1;

    /// <summary>The dead-letter queue's name, or null when <c>Mns:Queues:DeadLetter</c> is not set.</summary>
    public string? QueueName => options.Value.Queues.DeadLetter;

    /// <summary>The head of the queue (at most <see cref="MnsLimits.MaxBatchMessages"/>), oldest first, without taking any.</summary>
    public async Task<DeadLetterList> ListAsync(CancellationToken cancellationToken)
    {
        var peeked = await client.PeekMessagesAsync(Queue, MnsLimits.MaxBatchMessages, cancellationToken);
        var letters = peeked.Select(m => Letter(m.MessageId, m.EnqueueTime, m.MessageBody).Summary).ToList();
        return new DeadLetterList(letters, peeked.Count == MnsLimits.MaxBatchMessages);
    }

    /// <summary>Re-sends the dead letter <paramref name="id"/> and deletes it.</summary>
    /// <exception cref="OrchestratorException"><c>DeadLetterNotFound</c>, or <c>NotReplayable</c> saying why.</exception>
    public async Task<DeadLetterSummary> ReplayAsync(string id, CancellationToken cancellationToken)
    {
        var held = new Dictionary<string, MnsReceivedMessage>(StringComparer.Ordinal);
        try
        {
            while (held.Count < MaxScanned)
            {
                var fresh = Hold(held, await client.ReceiveMessagesAsync(Queue, MnsLimits.MaxBatchMessages, 0, cancellationToken));
                if (held.TryGetValue(id, out var target))
                {
                    var letter = Letter(target.MessageId, target.EnqueueTime, target.MessageBody);
                    if (letter.Problem is { } problem)
                    {
                        throw new OrchestratorException("NotReplayable", $"dead letter '{id}' cannot be replayed: {problem}", retryable: false);
                    }

                    await ResendAsync(letter, target, held, cancellationToken);
                    return letter.Summary;
                }

                if (fresh == 0)
                {
                    break;
                }
            }

            throw new OrchestratorException("DeadLetterNotFound", $"no dead letter '{id}' is waiting (replayed already, never there, or held for a moment by another replay)", retryable: false);
        }
        finally
        {
            await ReleaseAsync(held.Values, cancellationToken);
        }
    }

    /// <summary>Re-sends every replayable dead letter, up to <see cref="MaxReplayedPerCall"/>; the others stay.</summary>
    public async Task<DeadLetterReplay> ReplayAllAsync(CancellationToken cancellationToken)
    {
        var held = new Dictionary<string, MnsReceivedMessage>(StringComparer.Ordinal);
        var replayed = new List<DeadLetterSummary>();
        var skipped = new Dictionary<string, DeadLetterSummary>(StringComparer.Ordinal);
        try
        {
            while (true)
            {
                if (replayed.Count >= MaxReplayedPerCall || held.Count >= MaxScanned)
                {
                    return new DeadLetterReplay(replayed, [.. skipped.Values], More: true);
                }

                var batch = await client.ReceiveMessagesAsync(Queue, MnsLimits.MaxBatchMessages, 0, cancellationToken);
                if (Hold(held, batch) == 0)
                {
                    return new DeadLetterReplay(replayed, [.. skipped.Values], More: false);
                }

                foreach (var message in batch.Where(m => !skipped.ContainsKey(m.MessageId)))
                {
                    var letter = Letter(message.MessageId, message.EnqueueTime, message.MessageBody);
                    if (letter.Problem is not null)
                    {
                        skipped[message.MessageId] = letter.Summary;
                    }
                    else if (replayed.Count < MaxReplayedPerCall)
                    {
                        await ResendAsync(letter, message, held, cancellationToken);
                        replayed.Add(letter.Summary);
                    }
                }
            }
        }
        finally
        {
            await ReleaseAsync(held.Values, cancellationToken);
        }
    }

    private string Queue => QueueName
        ?? throw new InvalidOperationException($"Setting {MessagingOptions.SectionName}:Queues:DeadLetter (env Mns__Queues__DeadLetter) is not set: there is no dead-letter queue to read.");

    // Keeps the newest receipt handle of each received message; answers how many had not been seen before. A message
    // seen again came back after the visibility timeout: the queue has been gone round.
    private static int Hold(Dictionary<string, MnsReceivedMessage> held, IReadOnlyList<MnsReceivedMessage> batch)
    {
        var fresh = 0;
        foreach (var message in batch)
        {
            fresh += held.ContainsKey(message.MessageId) ? 0 : 1;
            held[message.MessageId] = message;
        }

        return fresh;
    }

    private async Task ResendAsync(DeadLetter letter, MnsReceivedMessage received, Dictionary<string, MnsReceivedMessage> held, CancellationToken cancellationToken)
    {
        foreach (var message in letter.Content.Messages)
        {
            await client.SendMessageAsync(message.Queue!, message.Body!, TimeSpan.Zero, cancellationToken);
        }

        // Only once every message is back on its queue: a failure before this leaves the dead letter to be released.
        await client.DeleteMessageAsync(Queue, received.ReceiptHandle, cancellationToken);
        held.Remove(received.MessageId);
        Logs.DeadLetterReplayed(logger, received.MessageId, letter.Summary.Type ?? "?", letter.Summary.JobId ?? "-", letter.Summary.Queue ?? "?");
    }

    private async Task ReleaseAsync(IEnumerable<MnsReceivedMessage> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            try
            {
                await client.ChangeMessageVisibilityAsync(Queue, message.ReceiptHandle, ReleaseSeconds, cancellationToken);
            }
            catch (Exception exception) when (exception is MnsException or HttpRequestException or OperationCanceledException)
            {
                // Not lost: the queue's visibility timeout makes it visible again by itself.
                Logs.DeadLetterNotReleased(logger, message.MessageId, exception.Message);
            }
        }
    }
}
