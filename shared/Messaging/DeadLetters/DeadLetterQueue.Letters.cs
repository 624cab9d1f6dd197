using Orchestrator.Contracts.Status;

namespace Orchestrator.Messaging.DeadLetters;

/// <summary>Reading one dead letter and deciding whether a replay knows where each of its messages goes.</summary>
public sealed partial class DeadLetterQueue
{
    private DeadLetter Letter(string id, DateTimeOffset enqueuedAt, string body)
    {
        var content = DeadLetterReader.Read(body);
        var problem = Problem(content);
        var summary = new DeadLetterSummary(
            id,
            Join(content, m => m.Queue),
            Join(content, m => m.Type),
            Join(content, m => m.JobId),
            enqueuedAt,
            content.Reason,
            Join(content, m => m.MessageId),
            Replayable: problem is null,
            problem);
        return new DeadLetter(content, summary);
    }

    private string? Problem(DeadLetterContent content)
    {
        if (content.Messages.Count == 0)
        {
            return "it holds no queue message this system can read";
        }

        var queues = options.Value.Queues;
        string?[] ours = [queues.Coordinator, queues.Fetch, queues.Build, queues.Publish];
        foreach (var message in content.Messages)
        {
            if (message.Problem is { } problem)
            {
                return problem;
            }

            if (!ours.Contains(message.Queue, StringComparer.Ordinal))
            {
                // Never send to a queue a dead letter names unless it is one of the four this system reads.
                return $"its queue '{message.Queue}' is not one of this system's queues";
            }
        }

        return null;
    }

    private static string? Join(DeadLetterContent content, Func<DeadMessage, string?> field)
    {
        var values = content.Messages.Select(field).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return values.Count == 0 ? null : string.Join(", ", values);
    }
}
