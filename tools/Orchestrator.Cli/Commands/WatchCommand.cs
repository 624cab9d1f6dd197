using System.CommandLine;
using Orchestrator.Cli.Api;
using Orchestrator.Contracts.Jobs;
using Spectre.Console;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// `watch JOB [--interval MS] [--timeout S]`: follows a job to its end — a live table on a terminal, one line per
/// change when output is redirected. Exit code by outcome: 0 Succeeded, 1 Failed, 2 Cancelled, 3 could not follow
/// (API error or --timeout).
/// </summary>
internal static class WatchCommand
{
    public const int SucceededExit = 0;
    public const int FailedExit = 1;
    public const int CancelledExit = 2;
    public const int NotFollowedExit = 3;

    public static Command Create()
    {
        var common = new ApiCommandOptions();
        var job = new Argument<string>("JOB") { Description = "job id" };
        var interval = new Option<int>("--interval") { Description = "poll interval in milliseconds", DefaultValueFactory = _ => 1000 };
        var timeout = new Option<int?>("--timeout") { Description = "give up after this many seconds (exit 3)" };
        return common.Command(
            "watch",
            "follow a job live until it ends; exit 0 Succeeded, 1 Failed, 2 Cancelled, 3 could not follow",
            async (parse, client, cancellationToken) =>
            {
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                if (parse.GetValue(timeout) is { } seconds)
                {
                    deadline.CancelAfter(TimeSpan.FromSeconds(seconds));
                }

                var period = TimeSpan.FromMilliseconds(Math.Clamp(parse.GetValue(interval), 100, 60_000));
                var follower = new Follower(client, parse.GetRequiredValue(job), period);
                try
                {
                    var last = Console.IsOutputRedirected
                        ? await follower.PlainAsync(deadline.Token)
                        : await follower.LiveAsync(deadline.Token);
                    return ExitCode(last.State);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    await Console.Error.WriteLineAsync($"error: Timeout: job {parse.GetRequiredValue(job)} did not end within {parse.GetValue(timeout)} s");
                    return NotFollowedExit;
                }
                catch (StatusApiException exception)
                {
                    await Console.Error.WriteLineAsync($"error: {exception.Code}: {exception.Message}");
                    return NotFollowedExit;
                }
            },
            job,
            interval,
            timeout);
    }

    public static int ExitCode(JobState state) => state switch
    {
        JobState.Succeeded => SucceededExit,
        JobState.Failed => FailedExit,
        JobState.Cancelled => CancelledExit,
        _ => NotFollowedExit,
    };

    private sealed class Follower(StatusApiClient client, string jobId, TimeSpan period)
    {
        public async Task<JobDocument> PlainAsync(CancellationToken cancellationToken)
        {
            var printed = new HashSet<string>(StringComparer.Ordinal);
            var state = "";
            while (true)
            {
                var job = await client.GetJobAsync(jobId, cancellationToken);
                if (job.State.ToString() != state)
                {
                    state = job.State.ToString();
                    Console.WriteLine($"{Text.Time(job.UpdatedAt)} job {job.JobId} {job.State}");
                }

                foreach (var stage in job.Stages.Where(s => s.State != StageState.Pending || s.NextRetryAt is not null))
                {
                    // One line per stage change, not per poll: the key omits the ticking durations.
                    var key = $"{stage.Name}/{stage.State}/{stage.Attempt}/{stage.NextRetryAt:O}/{stage.Error?.Code}";
                    if (printed.Add(key))
                    {
                        Console.WriteLine($"{Text.Time(job.UpdatedAt)}   {Text.StageLine(stage, job.UpdatedAt)}");
                    }
                }

                if (IsTerminal(job.State))
                {
                    if (job.Release is { } release)
                    {
                        Console.WriteLine($"released {release.Url}");
                    }

                    return job;
                }

                await Task.Delay(period, cancellationToken);
            }
        }

        public async Task<JobDocument> LiveAsync(CancellationToken cancellationToken)
        {
            var job = await client.GetJobAsync(jobId, cancellationToken);
            var table = new Table().Border(TableBorder.Rounded).AddColumns("stage", "state", "attempt", "time", "detail");
            await AnsiConsole.Live(table).AutoClear(false).StartAsync(async context =>
            {
                while (true)
                {
                    Fill(table, job, TimeProvider.System.GetUtcNow());
                    context.Refresh();
                    if (IsTerminal(job.State))
                    {
                        return;
                    }

                    await Task.Delay(period, cancellationToken);
                    job = await client.GetJobAsync(jobId, cancellationToken);
                }
            });
            AnsiConsole.MarkupLine(job.Release is { } release
                ? $"[green]released[/] {Markup.Escape(release.Url)}"
                : $"job {Markup.Escape(job.JobId)} ended [bold]{job.State}[/]");
            return job;
        }

        private static void Fill(Table table, JobDocument job, DateTimeOffset now)
        {
            table.Title = new TableTitle($"{Markup.Escape(job.JobId)} · {Markup.Escape(job.Site)} · {Colour(job.State.ToString())}");
            table.Rows.Clear();
            foreach (var stage in job.Stages)
            {
                var time = stage.StartedAt is { } started ? Text.Duration((stage.FinishedAt ?? now) - started) : "";
                var detail = stage.Error is { } error ? $"[red]{Markup.Escape(error.Code)}[/] {Markup.Escape(error.Message)}" : "";
                if (stage.NextRetryAt is { } next)
                {
                    detail += $" next retry in {Text.Duration(next > now ? next - now : TimeSpan.Zero)}";
                }

                table.AddRow(Text.Stage(stage.Name), Colour(stage.State.ToString()), $"{stage.Attempt}/{stage.MaxAttempts}", time, detail);
            }
        }

        private static string Colour(string state) => state switch
        {
            "Succeeded" => $"[green]{state}[/]",
            "Failed" => $"[red]{state}[/]",
            "Cancelled" => $"[yellow]{state}[/]",
            "Pending" => $"[grey]{state}[/]",
            _ => $"[blue]{state}[/]",
        };

        private static bool IsTerminal(JobState state) => state is JobState.Succeeded or JobState.Failed or JobState.Cancelled;
    }
}
