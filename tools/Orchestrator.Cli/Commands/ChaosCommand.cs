using System.CommandLine;
using Microsoft.Extensions.Logging;
using Orchestrator.Cli.Logging;
using Orchestrator.Tools.DevCloud.Chaos;
using Orchestrator.Tools.DevCloud.Config;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// `chaos --jobs N --seed S [--instances N]`: runs N uploads through a fresh dev cloud under the seed's faults, prints
/// the figures and, as the last line, the verdict and the run's measures as one JSON object. Exit 0 only when every
/// job ended within the bound its deadlines set and no invariant broke. The run owns <c>.devcloud/chaos/</c>: its OSS
/// data and logs are cleared at the start, its function builds kept.
/// </summary>
internal static class ChaosCommand
{
    public static Command Create()
    {
        var jobs = new Option<int>("--jobs") { Description = "how many uploads (jobs) to run", DefaultValueFactory = _ => 12 };
        var seed = new Option<int>("--seed") { Description = "the seed of the fault plan: the same seed gives the same uploads and faults", DefaultValueFactory = _ => 1 };
        var instances = new Option<int?>("--instances") { Description = "the most instances each function runs at once (default: s.yaml's reservedConcurrency, else 4)" };
        var command = new Command("chaos", "run jobs through the dev cloud under injected faults and check that none is lost, duplicated or misreported") { jobs, seed, instances };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var count = parse.GetValue(jobs);
            if (count is <= 0 or > 500)
            {
                await Console.Error.WriteLineAsync($"error: InvalidJobs: --jobs must be between 1 and 500 (got {count})");
                return 2;
            }

            var cap = parse.GetValue(instances);
            if (cap is <= 0 or > DevCloudSession.MaxInstances)
            {
                await Console.Error.WriteLineAsync($"error: InvalidInstances: --instances must be between 1 and {DevCloudSession.MaxInstances} (got {cap})");
                return 2;
            }

            if (DevCloudSession.FindProject(null) is not { } root)
            {
                await Console.Error.WriteLineAsync("error: no s.yaml above the current folder: run chaos from the repository");
                return 2;
            }

            var data = Path.Combine(root, ".devcloud", "chaos");
            foreach (var stale in new[] { "oss", "logs" })
            {
                if (Directory.Exists(Path.Combine(data, stale)))
                {
                    Directory.Delete(Path.Combine(data, stale), recursive: true);
                }
            }

            var options = DevCloudSession.Options(root, data, 0);
            IReadOnlyList<string> functions, queues;
            try
            {
                (functions, queues) = ChaosCloud.Peek(Path.Combine(root, options.ServerlessFile));
            }
            catch (ServerlessConfigException exception)
            {
                await Console.Error.WriteLineAsync($"error: {exception.Code}: {exception.Message}");
                return 2;
            }

            var plan = ChaosPlan.Create(count, parse.GetValue(seed), functions, queues);
            Console.WriteLine("starting the dev cloud…");
            // The dev cloud's own log (deliveries, redeliveries, dead letters, instances) goes beside the functions' logs.
            using var loggers = LoggerFactory.Create(b => b
                .AddProvider(new LineFileLoggerProvider(Path.Combine(data, "logs", "devcloud.log"), TimeProvider.System))
                .AddFilter("Microsoft", LogLevel.Warning)
                .SetMinimumLevel(LogLevel.Information));
            var timings = ChaosTimings.For(count);
            await using var cloud = await DevCloudSession.StartAsync(ChaosCloud.Configure(options, plan, functions, timings, cap), loggers, cancellationToken);
            if (cloud is null)
            {
                return 1;
            }

            // Every job has the bound its deadlines, retries and backoff set (counted from the last upload, the wait
            // starts after it); past it the run only reads and checks: a few minutes more are plenty, then it gives up.
            var deadline = timings.JobBound;
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(deadline + TimeSpan.FromMinutes(3) + plan.Uploads.Max(u => u.RepeatAt ?? u.At));
            try
            {
                var report = await ChaosRun.RunAsync(cloud, plan, Path.Combine(root, "examples", "hello-site"), deadline, Console.WriteLine, bounded.Token);
                ChaosReportWriter.Write(Console.Out, report, Path.Combine(data, "logs"));
                return report.Figures.Passed ? 0 : 1;
            }
            catch (OperationCanceledException) when (bounded.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                await Console.Error.WriteLineAsync($"error: ChaosTimeout: the run did not finish in time (function logs: {Path.Combine(data, "logs")})");
                return 1;
            }
        });
        return command;
    }
}
