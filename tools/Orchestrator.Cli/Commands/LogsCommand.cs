using System.CommandLine;

namespace Orchestrator.Cli.Commands;

/// <summary>`logs JOB --stage STAGE [--attempt N]`: a stage's log, the latest attempt unless named.</summary>
internal static class LogsCommand
{
    public static Command Create()
    {
        var common = new ApiCommandOptions();
        var job = new Argument<string>("JOB") { Description = "job id" };
        var stage = new Option<string>("--stage") { Description = "fetch, build or publish", Required = true };
        stage.AcceptOnlyFromAmong("fetch", "build", "publish");
        var attempt = new Option<int?>("--attempt") { Description = "which attempt (default: the latest)" };
        return common.Command(
            "logs",
            "print a stage's log",
            async (parse, client, cancellationToken) =>
            {
                await using var stdout = Console.OpenStandardOutput();
                await client.CopyLogAsync(parse.GetRequiredValue(job), parse.GetRequiredValue(stage), parse.GetValue(attempt), stdout, cancellationToken);
                return 0;
            },
            job,
            stage,
            attempt);
    }
}
