using Orchestrator.Cli.Api;
using Orchestrator.Contracts.Jobs;
using Spectre.Console;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// Follows one job through the status API until it ends: a live table with elapsed times on a terminal, one line
/// per change to <paramref name="output"/> otherwise (or when it is not stdout). Shared by <c>watch</c>,
/// <c>submit --wait</c> and <c>demo</c>.
/// </summary>
internal sealed class JobWatcher(StatusApiClient client, string jobId, TimeSpan period, TextWriter output)
{
    // The table's clocks tick this often between polls of the API.
    private static readonly TimeSpan Redraw = TimeSpan.FromMilliseconds(200);

    /// <summary>Waits until the API knows the job: the coordinator creates it a moment after the upload's event.</summary>
    public async Task WaitUntilKnownAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await client.GetJobAsync(jobId, cancellationToken);
                return;
            }
            catch (StatusApiException exception) when (exception.Code == "JobNotFound")
            {
                await Task.Delay(period, cancellationToken);
            }
        }
    }

    /// <summary>Follows the job to its end, live on a terminal and line by line when output is redirected.</summary>
    public Task<JobDocument> FollowAsync(CancellationToken cancellationToken) =>
        output == Console.Out && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Ansi
            ? LiveAsync(cancellationToken)
            : PlainAsync(cancellationToken);

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
                output.WriteLine($"{Text.Time(job.UpdatedAt)} job {job.JobId} {job.State}  {Text.Duration(job.UpdatedAt - job.CreatedAt)} since upload");
            }

            foreach (var stage in job.Stages.Where(s => s.State != StageState.Pending || s.NextRetryAt is not null))
            {
                // One line per stage change, not per poll: the key omits the ticking durations.
                var key = $"{stage.Name}/{stage.State}/{stage.Attempt}/{stage.NextRetryAt:O}/{stage.Error?.Code}";
                if (printed.Add(key))
                {
                    output.WriteLine($"{Text.Time(job.UpdatedAt)}   {Text.StageLine(stage, job.UpdatedAt)}");
                }
            }

            if (IsTerminal(job.State))
            {
                if (job.Release is { } release)
                {
                    output.WriteLine($"released {release.Url}");
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
            var clock = TimeProvider.System;
            var polled = clock.GetTimestamp();
            using var ticks = new PeriodicTimer(Redraw);
            while (true)
            {
                Fill(table, job, clock.GetUtcNow());
                context.Refresh();
                if (IsTerminal(job.State))
                {
                    return;
                }

                await ticks.WaitForNextTickAsync(cancellationToken);
                if (clock.GetElapsedTime(polled) >= period)
                {
                    job = await client.GetJobAsync(jobId, cancellationToken);
                    polled = clock.GetTimestamp();
                }
            }
        });
        AnsiConsole.MarkupLine(job.Release is { } release
            ? $"[green]released[/] {Markup.Escape(release.Url)}"
            : $"job {Markup.Escape(job.JobId)} ended [bold]{job.State}[/]");
        return job;
    }

    private static void Fill(Table table, JobDocument job, DateTimeOffset now)
    {
        var elapsed = (IsTerminal(job.State) ? job.UpdatedAt : now) - job.CreatedAt;
        // The id under the table: above it, it made the title wider than the table, which wraps it.
        table.Title = new TableTitle($"{Markup.Escape(job.Site)} · {Colour(job.State.ToString())} · {Text.Duration(elapsed)}");
        table.Caption = new TableTitle($"[grey]job {Markup.Escape(job.JobId)}[/]");
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
