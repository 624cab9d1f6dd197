using System.CommandLine;
using System.Text.Json;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Status;

namespace Orchestrator.Cli.Commands;

/// <summary>`status JOB [--json]`: where a job stands, stage by stage, and why it failed.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var common = new ApiCommandOptions();
        var job = new Argument<string>("JOB") { Description = "job id" };
        return common.Command(
            "status",
            "show a job: state, stages, attempts, errors, release",
            async (parse, client, cancellationToken) =>
            {
                var document = await client.GetJobAsync(parse.GetRequiredValue(job), cancellationToken);
                if (parse.GetValue(common.Json))
                {
                    Console.WriteLine(JsonSerializer.Serialize(document, StatusJsonContext.Default.JobDocument));
                    return 0;
                }

                Print(document, TimeProvider.System.GetUtcNow());
                return 0;
            },
            job,
            common.Json);
    }

    public static void Print(JobDocument job, DateTimeOffset now)
    {
        Console.WriteLine($"job      {job.JobId}");
        Console.WriteLine($"site     {job.Site}");
        Console.WriteLine($"state    {job.State}");
        Console.WriteLine($"source   {job.Source.Bucket}/{job.Source.Key} ({job.Source.Size} bytes)");
        Console.WriteLine($"created  {Text.Time(job.CreatedAt)}   updated {Text.Time(job.UpdatedAt)}");
        foreach (var stage in job.Stages)
        {
            Console.WriteLine("  " + Text.StageLine(stage, now));
        }

        if (job.Release is { } release)
        {
            Console.WriteLine($"release  {release.Url} ({release.Files} files, {release.Uploaded} uploaded, {release.Skipped} skipped)");
        }
    }
}
