using System.CommandLine;
using System.Text.Json;
using Orchestrator.Contracts.Status;

namespace Orchestrator.Cli.Commands;

/// <summary>`jobs [--site S] [--state Failed] [--limit N] [--cursor C] [--json]`: recent jobs, newest first.</summary>
internal static class JobsCommand
{
    public static Command Create()
    {
        var common = new ApiCommandOptions();
        var site = new Option<string?>("--site") { Description = "only this site's jobs" };
        var state = new Option<string?>("--state") { Description = "only jobs in this state (Pending, Fetching, …, Failed, Cancelled)" };
        var limit = new Option<int?>("--limit") { Description = "how many (1–100, default 20)" };
        var cursor = new Option<string?>("--cursor") { Description = "continue after an earlier page" };
        return common.Command(
            "jobs",
            "list recent jobs from the status API",
            async (parse, client, cancellationToken) =>
            {
                var list = await client.ListJobsAsync(parse.GetValue(site), parse.GetValue(state), parse.GetValue(limit), parse.GetValue(cursor), cancellationToken);
                if (parse.GetValue(common.Json))
                {
                    Console.WriteLine(JsonSerializer.Serialize(list, StatusJsonContext.Default.JobList));
                    return 0;
                }

                Console.WriteLine($"{"JOB",-34} {"SITE",-16} {"STATE",-11} {"STAGE",-8} {"TRY",3}  CREATED");
                foreach (var job in list.Jobs)
                {
                    var stage = job.Stage is { } s ? Text.Stage(s) : "-";
                    Console.WriteLine($"{job.JobId,-34} {job.Site ?? "?",-16} {job.State,-11} {stage,-8} {Text.Number(job.Attempt),3}  {Text.Time(job.CreatedAt)}");
                }

                if (list.Jobs.Count == 0)
                {
                    Console.WriteLine("(no jobs)");
                }

                if (list.NextCursor is { } next)
                {
                    Console.WriteLine($"more: --cursor {next}");
                }

                return 0;
            },
            site,
            state,
            limit,
            cursor,
            common.Json);
    }
}
