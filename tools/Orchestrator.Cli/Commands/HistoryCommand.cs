using System.CommandLine;
using System.Text.Json;
using Orchestrator.Contracts.Status;

namespace Orchestrator.Cli.Commands;

/// <summary>`history JOB [--json]`: the job's accepted transitions, from its journal.</summary>
internal static class HistoryCommand
{
    public static Command Create()
    {
        var common = new ApiCommandOptions();
        var job = new Argument<string>("JOB") { Description = "job id" };
        return common.Command(
            "history",
            "show a job's transitions from its journal",
            async (parse, client, cancellationToken) =>
            {
                var history = await client.GetHistoryAsync(parse.GetRequiredValue(job), cancellationToken);
                if (parse.GetValue(common.Json))
                {
                    Console.WriteLine(JsonSerializer.Serialize(history, StatusJsonContext.Default.JobHistory));
                    return 0;
                }

                foreach (var entry in history.Entries)
                {
                    Console.WriteLine($"{entry.Seq,4}  {Text.Time(entry.At)}  {entry.Event,-20} {entry.From} -> {entry.To}{(entry.Detail is { } d ? "  " + d : "")}");
                }

                return 0;
            },
            job,
            common.Json);
    }
}
