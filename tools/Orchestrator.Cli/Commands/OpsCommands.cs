using System.CommandLine;
using System.Text.Json;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Status;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// `retry JOB [--stage S]`, `cancel JOB`, `rollback SITE [--to JOB]`: the ops commands, through the status API with
/// the ops token. Grouped here because each is a few lines over the same client.
/// </summary>
internal static class OpsCommands
{
    public static Command Retry()
    {
        var common = new ApiCommandOptions();
        var job = new Argument<string>("JOB") { Description = "job id" };
        var stage = new Option<string?>("--stage") { Description = "re-run this stage (default: the failed one)" };
        stage.AcceptOnlyFromAmong("fetch", "build", "publish");
        return common.Command(
            "retry",
            "re-run a failed (or named) stage of a job with a new attempt",
            async (parse, client, cancellationToken) =>
                Accepted(parse, common, "retry", await client.RetryAsync(parse.GetRequiredValue(job), parse.GetValue(stage), cancellationToken)),
            job,
            stage,
            common.Json);
    }

    public static Command Cancel()
    {
        var common = new ApiCommandOptions();
        var job = new Argument<string>("JOB") { Description = "job id" };
        return common.Command(
            "cancel",
            "stop a job between stages and mark it Cancelled",
            async (parse, client, cancellationToken) =>
                Accepted(parse, common, "cancel", await client.CancelAsync(parse.GetRequiredValue(job), cancellationToken)),
            job,
            common.Json);
    }

    public static Command Rollback()
    {
        var common = new ApiCommandOptions();
        var site = new Argument<string>("SITE") { Description = "site name" };
        var to = new Option<string?>("--to") { Description = "job whose release goes live again (default: the previous release)" };
        return common.Command(
            "rollback",
            "put a kept release of a site live again, without a rebuild",
            async (parse, client, cancellationToken) =>
            {
                var accepted = await client.RollbackAsync(parse.GetRequiredValue(site), parse.GetValue(to), cancellationToken);
                Console.WriteLine(parse.GetValue(common.Json)
                    ? JsonSerializer.Serialize(accepted, StatusJsonContext.Default.RollbackAccepted)
                    : $"rollback of {accepted.Site} to {accepted.To ?? "the previous release"} accepted (message {accepted.MessageId})");
                return 0;
            },
            site,
            to,
            common.Json);
    }

    private static int Accepted(ParseResult parse, ApiCommandOptions common, string command, JobDocument job)
    {
        if (parse.GetValue(common.Json))
        {
            Console.WriteLine(JsonSerializer.Serialize(job, StatusJsonContext.Default.JobDocument));
            return 0;
        }

        Console.WriteLine($"{command} accepted: job {job.JobId} is {job.State}");
        var now = TimeProvider.System.GetUtcNow();
        foreach (var stage in job.Stages)
        {
            Console.WriteLine("  " + Text.StageLine(stage, now));
        }

        return 0;
    }
}
