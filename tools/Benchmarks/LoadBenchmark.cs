using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Tools.DevCloud;
using Orchestrator.Tools.DevCloud.Chaos;
using Orchestrator.Tools.DevCloud.Fc;
using Orchestrator.Tools.Packaging.Publish;

namespace Orchestrator.Tools.Benchmarks;

/// <summary>
/// LOAD (issue 12's P4): <c>LOAD_JOBS</c> (default 1,000) small jobs submitted at once through a fresh dev cloud
/// from s.yaml, every function a pool of instances (up to <c>LOAD_INSTANCES</c>, default s.yaml's or the dev cloud's),
/// so several coordinator instances race on the journals. The cloud, its short clocks and the checks are the chaos
/// run's (<see cref="ChaosCloud"/>, <see cref="ChaosRun"/>) with no faults: each upload is examples/hello-site with its
/// own marker, 20 uploads per site. The wait for the jobs is bounded by the run's job bound, or <c>LOAD_WAIT_S</c>
/// when shorter. Target: every job terminal, 0 lost, 0 duplicate completions. The run keeps its OSS data and function
/// logs in <c>.devcloud/load/</c> (cleared at the start) for a look afterwards.
/// </summary>
public sealed class LoadBenchmark : IBenchmark
{
    public string Id => "LOAD";

    public string Title => $"P4: {BenchSetting.Read("LOAD_JOBS", 1_000):N0} small jobs submitted at once through the dev cloud, several instances per function";

    public async Task<IReadOnlyDictionary<string, double>> RunAsync(TextWriter log, CancellationToken cancellationToken)
    {
        var jobs = BenchSetting.Read("LOAD_JOBS", 1_000);
        int? instances = BenchSetting.Read("LOAD_INSTANCES", 0) is > 0 and var cap ? cap : null;
        var root = PublishLayout.FindRepositoryRoot(Directory.GetCurrentDirectory());
        var data = Path.Combine(root, ".devcloud", "load");
        foreach (var stale in new[] { "oss", "logs" }.Select(f => Path.Combine(data, f)).Where(Directory.Exists))
        {
            Directory.Delete(stale, recursive: true);
        }

        var (functions, _) = ChaosCloud.Peek(Path.Combine(root, "s.yaml"));
        var plan = ChaosPlan.Load(jobs, LoadFigures.SitesFor(jobs));
        var timings = ChaosTimings.For(jobs);
        var wait = BenchSetting.Read("LOAD_WAIT_S", 0) is > 0 and var seconds && TimeSpan.FromSeconds(seconds) < timings.JobBound ? TimeSpan.FromSeconds(seconds) : timings.JobBound;
        var options = new DevCloudOptions
        {
            ProjectDirectory = root,
            DataDirectory = data,
            PrebuiltConfiguration = DevCloudOptions.ConfigurationBuiltWith(root),
        };

        await log.WriteLineAsync($"   starting the dev cloud in {data} (instances per function: {instances?.ToString(CultureInfo.InvariantCulture) ?? "s.yaml's or " + InstanceOptions.DefaultMaxInstances})");
        await using var cloud = await LocalCloud.StartAsync(ChaosCloud.Configure(options, plan, functions, timings, instances), NullLoggerFactory.Instance, cancellationToken);
        var report = await ChaosRun.RunAsync(cloud, plan, Path.Combine(root, "examples", "hello-site"), wait, line => log.WriteLine("   " + line), cancellationToken);

        await log.WriteLineAsync($"   final states: {string.Join(", ", report.FinalStates.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} {s.Value}"))}");
        foreach (var problem in report.JobProblems.Concat(report.SiteProblems))
        {
            await log.WriteLineAsync($"   ! {problem}");
        }

        var figures = new SortedDictionary<string, double>(LoadFigures.From(report).ToDictionary(), StringComparer.Ordinal)
        {
            ["wait_bound_s"] = wait.TotalSeconds,
            ["whole_run_s"] = report.Total.TotalSeconds,
        };
        return figures;
    }
}
