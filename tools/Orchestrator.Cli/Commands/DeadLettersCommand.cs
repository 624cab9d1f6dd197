using System.CommandLine;
using System.Text.Json;
using Orchestrator.Cli.Api;
using Orchestrator.Contracts.Status;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// `dead-letters [--replay ID | --replay-all] [--json]`: what reached the dead-letter queue (ops token), and sending
/// it again to the queue it came from.
/// </summary>
internal static class DeadLettersCommand
{
    // --replay-all asks the API round after round (each bounded); this many rounds at most, so it always ends.
    private const int MaxRounds = 100;

    public static Command Create()
    {
        var common = new ApiCommandOptions();
        var replay = new Option<string?>("--replay") { Description = "send the dead letter with this id again to its queue" };
        var replayAll = new Option<bool>("--replay-all") { Description = "send every dead letter that can be replayed again to its queue" };
        return common.Command(
            "dead-letters",
            "list the messages that reached the dead-letter queue, or replay them (ops token)",
            async (parse, client, cancellationToken) =>
            {
                var json = parse.GetValue(common.Json);
                if (parse.GetValue(replay) is { } id)
                {
                    if (parse.GetValue(replayAll))
                    {
                        await Console.Error.WriteLineAsync("error: give either --replay ID or --replay-all, not both");
                        return ApiCommandOptions.UsageExit;
                    }

                    return Print(await client.ReplayDeadLetterAsync(id, cancellationToken), json);
                }

                return parse.GetValue(replayAll)
                    ? Print(await ReplayAllAsync(client, cancellationToken), json)
                    : Print(await client.ListDeadLettersAsync(cancellationToken), json);
            },
            replay,
            replayAll,
            common.Json);
    }

    private static async Task<DeadLetterReplay> ReplayAllAsync(StatusApiClient client, CancellationToken cancellationToken)
    {
        var replayed = new List<DeadLetterSummary>();
        var skipped = new Dictionary<string, DeadLetterSummary>(StringComparer.Ordinal);
        var round = new DeadLetterReplay([], [], More: true);
        for (var rounds = 0; rounds < MaxRounds && round.More; rounds++)
        {
            round = await client.ReplayAllDeadLettersAsync(cancellationToken);
            replayed.AddRange(round.Replayed);
            foreach (var letter in round.Skipped)
            {
                skipped[letter.Id] = letter;
            }

            if (round.Replayed.Count == 0)
            {
                // Only dead letters that cannot be replayed are left where this round looked.
                break;
            }
        }

        return new DeadLetterReplay(replayed, [.. skipped.Values], round.More);
    }

    private static int Print(DeadLetterList list, bool json)
    {
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(list, StatusJsonContext.Default.DeadLetterList));
            return 0;
        }

        if (list.Messages.Count == 0)
        {
            Console.WriteLine("(no dead letters)");
            return 0;
        }

        Console.WriteLine($"{"ID",-36} {"QUEUE",-26} {"TYPE",-17} {"JOB",-34} ENQUEUED");
        foreach (var letter in list.Messages)
        {
            Console.WriteLine($"{letter.Id,-36} {letter.Queue ?? "?",-26} {letter.Type ?? "?",-17} {letter.JobId ?? "-",-34} {Text.Time(letter.EnqueuedAt)}");
            Console.WriteLine($"  reason: {letter.Reason}");
            if (letter.ReplayProblem is { } problem)
            {
                Console.WriteLine($"  cannot be replayed: {problem}");
            }
        }

        if (list.More)
        {
            Console.WriteLine($"more are waiting behind these {list.Messages.Count}: the dead-letter queue shows only its head; replay these to see the rest");
        }

        return 0;
    }

    private static int Print(DeadLetterReplay replay, bool json)
    {
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(replay, StatusJsonContext.Default.DeadLetterReplay));
            return 0;
        }

        foreach (var letter in replay.Replayed)
        {
            Console.WriteLine($"replayed {letter.Id}: {letter.Type ?? "?"} of job {letter.JobId ?? "-"} sent again to {letter.Queue}");
        }

        foreach (var letter in replay.Skipped)
        {
            Console.WriteLine($"left {letter.Id} in the dead-letter queue: {letter.ReplayProblem}");
        }

        Console.WriteLine($"{replay.Replayed.Count} replayed, {replay.Skipped.Count} left{(replay.More ? "; more are waiting: run it again" : "")}");
        return 0;
    }
}
