using System.Globalization;
using Orchestrator.Tools.Benchmarks.ColdStart;
using Orchestrator.Tools.Packaging.Publish;
using Orchestrator.Tools.Packaging.Smoke;

namespace Orchestrator.Tools.Benchmarks;

/// <summary>
/// P1: each function's cold start (exec of the packaged bootstrap → /initialize answered) and exec → its first real
/// message handled (against a local OSS and MNS), and peak RSS, beside a bare ASP.NET Core minimal host published
/// the same way in the same run (exec → its first request answered), as ratios; and each code.zip's size.
/// Targets: start ≤ 1.5× the bare host, first message ≤ 2.0× the bare host's first request, peak RSS ≤ 80 MB,
/// code.zip ≤ 30 MB.
/// </summary>
public sealed class ColdStartBenchmark : IBenchmark
{
    private const int Runs = 7;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    public string Id => "P1";

    public string Title => "cold start and peak RSS of each packaged function vs a bare ASP.NET Core host";

    public async Task<IReadOnlyDictionary<string, double>> RunAsync(TextWriter log, CancellationToken cancellationToken)
    {
        var root = PublishLayout.FindRepositoryRoot(Directory.GetCurrentDirectory());
        var work = Path.Combine(Path.GetTempPath(), "orchestrator-p1-" + Guid.NewGuid().ToString("N"));
        var figures = new SortedDictionary<string, double>(StringComparer.Ordinal);
        try
        {
            await log.WriteLineAsync($"publishing the bare host ({PublishSettings.Default}) into {work}");
            var bareFolder = await BareHost.PublishAsync(Path.Combine(work, "bare"), PublishSettings.Default, cancellationToken);
            var packages = await FunctionPackages.UnpackOrBuildAsync(root, Path.Combine(work, "functions"), log, cancellationToken);
            await using var backends = await FirstMessageBackends.StartAsync(Path.Combine(work, "backends"), cancellationToken);

            // Interleaved rounds, so a burst of load from elsewhere on the machine hits every subject alike.
            var subjects = new List<(string Name, string Folder, string Executable)> { ("bare", bareFolder, BareHost.Executable) };
            subjects.AddRange(packages.Select(p => (p.Function, p.Folder, PublishLayout.Bootstrap)));
            var starts = subjects.ToDictionary(s => s.Name, _ => new List<double>());
            var firsts = subjects.ToDictionary(s => s.Name, _ => new List<double>());
            var peaks = subjects.ToDictionary(s => s.Name, _ => new List<double>());
            for (var run = 0; run <= Runs; run++)
            {
                foreach (var (name, folder, executable) in subjects)
                {
                    var (startMs, rssMb) = await MeasureAsync(folder, executable, cancellationToken);
                    var firstMs = name == "bare" ? startMs : await MeasureFirstMessageAsync(name, folder, executable, backends, cancellationToken);

                    // Round 0 only warms the page cache (FC's own cold start reads /code from its disk).
                    if (run > 0)
                    {
                        starts[name].Add(startMs);
                        firsts[name].Add(firstMs);
                        peaks[name].Add(rssMb);
                    }
                }
            }

            var bareStart = Median(starts["bare"]);
            var bareRss = Median(peaks["bare"]);
            figures["bare.cold_start_ms"] = bareStart;
            figures["bare.peak_rss_mb"] = bareRss;
            foreach (var (name, _, zipBytes) in packages)
            {
                figures[$"{name}.cold_start_ms"] = Median(starts[name]);
                figures[$"{name}.cold_start_ratio"] = Median(starts[name]) / bareStart;
                figures[$"{name}.first_message_ms"] = Median(firsts[name]);
                figures[$"{name}.first_message_ratio"] = Median(firsts[name]) / bareStart;
                figures[$"{name}.peak_rss_mb"] = Median(peaks[name]);
                figures[$"{name}.peak_rss_ratio"] = Median(peaks[name]) / bareRss;
                figures[$"{name}.code_zip_mb"] = zipBytes / 1024.0 / 1024.0;
            }

            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"median of {Runs} runs each; targets: start ratio ≤ 1.5, first-message ratio ≤ 2.0 (the bare host's first request is its /initialize), peak RSS ≤ 80 MB, code.zip ≤ 30 MB"));
            return figures;
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static async Task<(double StartMs, double RssMb)> MeasureAsync(string folder, string executable, CancellationToken cancellationToken)
    {
        await using var process = BootstrapProcess.Start(folder, executable);
        var (status, sinceExec) = await process.InitializeAsync(StartTimeout, cancellationToken);
        if ((int)status != 200)
        {
            throw new InvalidOperationException($"{folder}/{executable}: /initialize answered {(int)status}");
        }

        var rss = process.PeakRssBytes() / 1024.0 / 1024.0;
        await process.StopAsync(StartTimeout, cancellationToken);
        return (sinceExec.TotalMilliseconds, rss);
    }

    // A fresh process: exec → /initialize (with FC's credential headers, as FC calls it) → /invoke with the function's
    // first real message, answered 200.
    private static async Task<double> MeasureFirstMessageAsync(string function, string folder, string executable, FirstMessageBackends backends, CancellationToken cancellationToken)
    {
        await using var process = BootstrapProcess.Start(folder, executable, function.ToLowerInvariant(), backends.Settings);
        var (status, _) = await process.InitializeAsync(StartTimeout, cancellationToken);
        if ((int)status != 200)
        {
            throw new InvalidOperationException($"{function}: /initialize answered {(int)status}");
        }

        var (invoked, sinceExec) = await process.InvokeAsync(backends.MessageFor(function), backends.CredentialHeaders, cancellationToken);
        if ((int)invoked != 200)
        {
            throw new InvalidOperationException($"{function}: its first message was answered {(int)invoked}");
        }

        await process.StopAsync(StartTimeout, cancellationToken);
        return sinceExec.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
