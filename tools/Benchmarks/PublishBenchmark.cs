using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Functions.Publish;
using Orchestrator.Functions.Publish.Publishing;
using Orchestrator.Storage;

namespace Orchestrator.Tools.Benchmarks;

/// <summary>
/// P5: publishing a 2,000-file site to the local OSS server with 10 ms added to every request: a full publish with
/// parallelism 1 and with the default 16, and an incremental publish where 2 % of the files changed.
/// Targets: incremental ≥ 20× faster than full sequential; full parallel ≥ 8× faster than full sequential.
/// </summary>
public sealed class PublishBenchmark : IBenchmark
{
    private const int FileCount = 2000;
    private const int ChangedCount = FileCount * 2 / 100;
    private const string Bucket = "bench-sites";

    public string Id => "P5";

    public string Title => "publish 2,000 files (2 % changed) at 10 ms latency: incremental vs full vs sequential";

    public async Task<IReadOnlyDictionary<string, double>> RunAsync(TextWriter log, CancellationToken cancellationToken)
    {
        await using var store = await BenchStore.StartAsync("P5", Bucket, cancellationToken);
        var server = store.Server;
        var client = store.Client;
        var root = store.Folder;
        var first = Path.Combine(root, "v1");
        var second = Path.Combine(root, "v2");
        WriteSite(first, version: 1);
        WriteSite(second, version: 2);
        server.Faults.Latency = TimeSpan.FromMilliseconds(10);

        var fullSequential = await TimeAsync(client, 1, "seq", "job-1", 1, first, log, cancellationToken);
        var fullParallel = await TimeAsync(client, 16, "par", "job-1", 1, first, log, cancellationToken);
        var incremental = await TimeAsync(client, 16, "par", "job-2", 2, second, log, cancellationToken);
        var incrementalSequential = await TimeAsync(client, 1, "seq", "job-2", 2, second, log, cancellationToken);

        return new Dictionary<string, double>
        {
            ["files"] = FileCount,
            ["changed_files"] = incremental.Result.Updated,
            ["latency_ms"] = 10,
            ["full_sequential_s"] = fullSequential.Seconds,
            ["full_parallel16_s"] = fullParallel.Seconds,
            ["incremental_parallel16_s"] = incremental.Seconds,
            ["incremental_sequential_s"] = incrementalSequential.Seconds,
            ["incremental_speedup_vs_full_sequential_x"] = fullSequential.Seconds / incremental.Seconds,
            ["full_parallel_speedup_vs_sequential_x"] = fullSequential.Seconds / fullParallel.Seconds,
        };
    }

    private static async Task<(double Seconds, SwitchResult Result)> TimeAsync(
        IObjectStore store, int parallelism, string site, string jobId, long sequence, string directory, TextWriter log, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Publish:JobsBucket"] = Bucket,
            ["Publish:SiteBucket"] = Bucket,
            ["Publish:MaxParallelism"] = parallelism.ToString(CultureInfo.InvariantCulture),
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddSingleton(store).AddPublishStage(configuration).BuildServiceProvider();
        var publisher = services.GetRequiredService<SitePublisher>();

        var watch = Stopwatch.StartNew();
        var result = await publisher.PublishDirectoryAsync(site, jobId, sequence, directory, null, cancellationToken);
        watch.Stop();
        await log.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"   {site} {jobId} parallelism {parallelism}: {watch.Elapsed.TotalSeconds:0.00} s, {result.Updated} uploaded, {result.Skipped} skipped"));
        return (watch.Elapsed.TotalSeconds, result);
    }

    /// <summary>
    /// A bundler-like site: hashed js/css chunks, images, html pages. Version 2 changes 2 %: some chunks get new
    /// content and so new hashed names (as a bundler renames them), and some pages change.
    /// </summary>
    private static void WriteSite(string directory, int version)
    {
        var random = new Random(42);
        for (var i = 0; i < FileCount; i++)
        {
            var changed = version > 1 && IsChanged(i);
            var stamp = changed ? version : 1;
            var (path, size) = (i % 10) switch
            {
                < 6 => ($"assets/chunk-{i:D4}.{Hash(i, stamp)}.js", 3000),
                < 8 => ($"assets/style-{i:D4}.{Hash(i, stamp)}.css", 1500),
                9 => ($"pages/page-{i:D4}.html", 2000),
                _ => ($"img/picture-{i:D4}.png", 8000),
            };
            var bytes = new byte[size];
            random.NextBytes(bytes);
            bytes[0] = (byte)stamp;
            var full = Path.Combine(directory, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, bytes);
        }
    }

    // Every 50th file, shifted so the changes spread over chunks, stylesheets, images and pages alike.
    private static bool IsChanged(int index)
    {
        var stride = FileCount / ChangedCount;
        return index % stride == index / stride % 10;
    }

    private static string Hash(int index, int version) =>
        ((uint)HashCode.Combine(index, version)).ToString("x8", CultureInfo.InvariantCulture) + "a";
}
