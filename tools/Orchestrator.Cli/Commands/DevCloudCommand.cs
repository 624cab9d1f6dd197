using System.CommandLine;
using Orchestrator.Cli.Settings;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// `devcloud up [--data DIR] [--port N] [--ready-file FILE] [--project DIR] [--instances N] [--profile NAME] [-v]`:
/// runs the local cloud until interrupted, with the profile the other verbs read written while it runs.
/// </summary>
internal static class DevCloudCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "folder for the run's data (default: .devcloud/ next to s.yaml)" };
        var port = new Option<int>("--port") { Description = "OSS on N, the status API on N+1, MNS on N+2 (default: free ports)" };
        var readyFile = new Option<string?>("--ready-file") { Description = "when ready, write the endpoints, bucket, region, credentials and ops token here as JSON (mode 600)" };
        var project = new Option<string?>("--project") { Description = "folder holding s.yaml (default: the nearest above the current folder)" };
        var instances = new Option<int?>("--instances") { Description = "the most instances each function runs at once (default: s.yaml's concurrencyConfig.reservedConcurrency ÷ instanceConcurrency, else 4)" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "log every instance start, delivery and request (default: warnings only)" };
        var up = new Command("up", "start OSS, MNS, EventBridge, FC instances and triggers from s.yaml, write the profile; run until interrupted")
        {
            data, port, readyFile, project, instances, verbose,
        };
        up.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(instances) is <= 0 or > DevCloudSession.MaxInstances)
            {
                await Console.Error.WriteLineAsync($"error: InvalidInstances: --instances must be between 1 and {DevCloudSession.MaxInstances} (got {parse.GetValue(instances)})");
                return 2;
            }

            if (DevCloudSession.FindProject(parse.GetValue(project)) is not { } root)
            {
                await Console.Error.WriteLineAsync("error: no s.yaml found (give --project DIR)");
                return 2;
            }

            using var loggers = DevCloudSession.Loggers(parse.GetValue(verbose));
            var options = DevCloudSession.Options(root, parse.GetValue(data), parse.GetValue(port), parse.GetValue(instances));
            Console.WriteLine("starting the dev cloud…");
            await using var cloud = await DevCloudSession.StartAsync(options, loggers, cancellationToken);
            if (cloud is null)
            {
                return 1;
            }

            if (parse.GetValue(readyFile) is { } file)
            {
                await DevCloudSession.WriteReadyFileAsync(cloud, file, cancellationToken);
            }

            using var profile = await DevCloudProfile.WriteAsync(cloud, ProfileOption.Choose(parse).Name, cancellationToken);
            DevCloudSession.PrintReady(cloud, profile);
            using var signals = new ShutdownSignals(cancellationToken);
            try
            {
                await Task.Delay(Timeout.Infinite, signals.Token);
            }
            catch (OperationCanceledException)
            {
                Console.WriteLine("stopping…");
            }

            return 0;
        });
        return new Command("devcloud", "the local dev cloud (OSS, MNS, EventBridge, FC) driven by s.yaml") { up };
    }
}
