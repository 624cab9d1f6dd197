using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Storage;
using Orchestrator.Storage.Oss;
using Orchestrator.Workflow.Engine;
using Orchestrator.Workflow.Policy;

namespace Orchestrator.Tools.Benchmarks;

/// <summary>
/// P3: coordinator transitions per second against the local OSS server (target ≥ 500/s on 2 cores), and the
/// p50/p99 latency of one transition. Each job is an upload and three stage successes: four journal entries,
/// each a create-only append, its effects and a head write, over the real OSS client. Jobs run concurrently
/// (<c>P3_CONCURRENCY</c>, default 16); <c>P3_JOBS</c> (default 300) sets how many. A warm-up (not timed) lets the
/// JIT reach its optimised code first. The rate counts only transitions committed to the journal, listed after the
/// clock stops: a job cancelled by a newer publish of its site commits fewer than four.
/// </summary>
public sealed class CoordinatorBenchmark : IBenchmark
{
    /// <summary>Jobs run before the clock starts: enough calls for tiered compilation to promote the hot path.</summary>
    private const int WarmUpJobs = 60;

    public string Id => "P3";

    public string Title => "coordinator transitions per second over the local OSS server (p50/p99 of one transition)";

    public async Task<IReadOnlyDictionary<string, double>> RunAsync(TextWriter log, CancellationToken cancellationToken)
    {
        var jobs = Setting("P3_JOBS", 300);
        var concurrency = Setting("P3_CONCURRENCY", 16);
        await using var store = await BenchStore.StartAsync("P3", "bench", cancellationToken);
        var server = store.Server;
        var client = store.Client;
        var sender = new CountingSender();
        var coordinator = new Coordinator(client, sender, new CoordinatorOptions { Bucket = "bench" }, new RandomJitterSource(), TimeProvider.System, NullLogger<Coordinator>.Instance);

        log.WriteLine($"   warming up ({WarmUpJobs} jobs, not timed)");
        await RunJobsAsync(coordinator, "warm", WarmUpJobs, concurrency, new ConcurrentBag<double>(), new ConcurrentBag<string>(), cancellationToken);

        // The ceiling for comparison: one transition costs about six small OSS requests (append, head, checks, indexes).
        var putsPerSecond = await SmallPutsPerSecondAsync(client, concurrency, cancellationToken);
        log.WriteLine($"   reference: {putsPerSecond:0} small PUTs/s on this machine now");
        log.WriteLine($"   {jobs} jobs × 4 transitions, {concurrency} at a time");
        var latencies = new ConcurrentBag<double>();
        var jobIds = new ConcurrentBag<string>();
        // CPU time of this process (coordinator, client and server together) does not depend on how busy the
        // machine is, unlike the rate: 2 cores' worth divided by it is the ceiling on an idle machine.
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await RunJobsAsync(coordinator, "run", jobs, concurrency, latencies, jobIds, cancellationToken);
        clock.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var committed = await CommittedTransitionsAsync(client, jobIds, cancellationToken);

        var sorted = latencies.Order().ToArray();
        return new Dictionary<string, double>
        {
            ["jobs"] = jobs,
            ["concurrency"] = concurrency,
            ["messages_handled"] = sorted.Length,
            ["transitions"] = committed,
            ["transitions_per_s"] = committed / clock.Elapsed.TotalSeconds,
            ["transitions_per_s_target"] = 500,
            ["transition_p50_ms"] = Percentile(sorted, 0.50),
            ["transition_p99_ms"] = Percentile(sorted, 0.99),
            ["cpu_ms_per_transition"] = committed == 0 ? 0 : cpu.TotalMilliseconds / committed,
            ["cores_busy"] = cpu.TotalSeconds / clock.Elapsed.TotalSeconds,
            ["messages_sent"] = sender.Count,
            ["reference_small_puts_per_s"] = putsPerSecond,
        };
    }

    private static async Task RunJobsAsync(Coordinator coordinator, string label, int jobs, int concurrency, ConcurrentBag<double> latencies, ConcurrentBag<string> jobIds, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(concurrency);
        var tasks = Enumerable.Range(0, jobs).Select(async i =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                jobIds.Add(await RunJobAsync(coordinator, $"{label}{i % 8}", $"{label}-{i}", latencies, cancellationToken));
            }
            finally
            {
                gate.Release();
            }
        });
        await Task.WhenAll(tasks);
    }

    private static async Task<string> RunJobAsync(Coordinator coordinator, string site, string etag, ConcurrentBag<double> latencies, CancellationToken cancellationToken)
    {
        var upload = new ObjectCreated($"upload-{etag}", "ObjectCreated:PutObject", "bench", $"src/{site}/app.zip", etag, 1, DateTimeOffset.UnixEpoch);
        var job = await TimedAsync(coordinator, upload, latencies, cancellationToken);
        foreach (var stage in Enum.GetValues<StageName>())
        {
            if (JobDocuments.IsTerminal(job.State))
            {
                break;
            }

            var attempt = job.Stages.Single(s => s.Name == stage).Attempt;
            var outputs = new Dictionary<string, string> { [StageOutputKeys.Log] = ObjectKeys.StageLog(job.JobId, stage, attempt) };
            job = await TimedAsync(coordinator, new StageSucceeded($"{job.JobId}-{stage}-ok", job.JobId, stage, attempt, outputs), latencies, cancellationToken);
        }

        // A newer upload of the same site may have published first; either way the job ended.
        if (job.State is not (JobState.Succeeded or JobState.Cancelled))
        {
            throw new InvalidOperationException($"P3: job {job.JobId} ended {job.State}");
        }

        return job.JobId;
    }

    private static async Task<JobDocument> TimedAsync(Coordinator coordinator, IMessage message, ConcurrentBag<double> latencies, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var job = await coordinator.HandleAsync(message, cancellationToken) ?? throw new InvalidOperationException("P3: the upload was not accepted");
        latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return job;
    }

    /// <summary>How many journal entries the jobs have: the transitions that really committed.</summary>
    private static async Task<int> CommittedTransitionsAsync(OssClient client, IEnumerable<string> jobIds, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var jobId in jobIds)
        {
            var request = new ListRequest { Prefix = ObjectKeys.JournalPrefix(jobId) };
            while (true)
            {
                var page = await client.ListAsync("bench", request, cancellationToken);
                count += page.Objects.Count;
                if (!page.IsTruncated || page.NextContinuationToken is null)
                {
                    break;
                }

                request = request with { ContinuationToken = page.NextContinuationToken };
            }
        }

        return count;
    }

    private static async Task<double> SmallPutsPerSecondAsync(OssClient client, int concurrency, CancellationToken cancellationToken)
    {
        const int Count = 600;
        using var gate = new SemaphoreSlim(concurrency);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Count).Select(async i =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                using var body = new MemoryStream(new byte[512]);
                await client.PutAsync("bench", $"reference/{i}", body, null, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }));
        return Count / clock.Elapsed.TotalSeconds;
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    /// <summary>The outbound port with nowhere to go: P3 measures the coordinator and OSS, not a queue.</summary>
    private sealed class CountingSender : IMessageSender
    {
        private int _count;

        public int Count => _count;

        public Task SendAsync(Destination destination, IMessage message, TimeSpan delay, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            return Task.CompletedTask;
        }
    }
}
