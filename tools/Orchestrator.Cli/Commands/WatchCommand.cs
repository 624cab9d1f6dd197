using System.CommandLine;
using Orchestrator.Cli.Api;
using Orchestrator.Contracts.Jobs;

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
                var follower = new JobWatcher(client, parse.GetRequiredValue(job), period, Console.Out);
                try
                {
                    var last = await follower.FollowAsync(deadline.Token);
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
}
