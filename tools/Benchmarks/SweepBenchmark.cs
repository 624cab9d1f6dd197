using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Contracts.Messages;
using Orchestrator.Workflow.Engine;
using Orchestrator.Workflow.Policy;

namespace Orchestrator.Tools.Benchmarks;

/// <summary>
/// SWEEP-1PCT and SWEEP-ALL: the timer-trigger sweep over <c>SWEEP_JOBS</c> (default 10,000) active jobs against the
/// local OSS server, with 1 % or all of them due (their fetch deadline passed and its delayed message lost). The jobs
/// are real (started through the coordinator); a settable clock makes some of them due. 1 %: the time of one sweep
/// (target ≤ 5 s). All: sweeps run one after another, each bounded by the budget a 60 s function gets (30 s), until
/// every due timer has fired; the figures are the number of sweeps, the longest one and the time to drain.
/// </summary>
public sealed class SweepBenchmark(string id, double dueFraction) : IBenchmark
{
    private const string Bucket = "bench";

    private static readonly TimeSpan FetchTimeout = TimeSpan.FromMinutes(10);

    public string Id => id;

    public string Title => $"sweep of {BenchSetting.Read("SWEEP_JOBS", 10_000):N0} active jobs, {dueFraction:P0} of them due, over the local OSS server";

    public async Task<IReadOnlyDictionary<string, double>> RunAsync(TextWriter log, CancellationToken cancellationToken)
    {
        var jobs = BenchSetting.Read("SWEEP_JOBS", 10_000);
        var due = Math.Max(1, (int)Math.Round(jobs * dueFraction));
        await using var store = await BenchStore.StartAsync(id, Bucket, cancellationToken);
        var clock = new BenchClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var sender = new RetryCountingSender();
        var options = new CoordinatorOptions
        {
            Bucket = Bucket,
            Fetch = new StageOptions { Timeout = FetchTimeout },
            SweepBudget = TimeSpan.FromSeconds(30),
        };
        var coordinator = new Coordinator(store.Client, sender, options, new RandomJitterSource(), clock, NullLogger<Coordinator>.Instance);

        log.WriteLine($"   starting {jobs:N0} jobs ({due:N0} to fall due), not timed");
        var setup = Stopwatch.StartNew();
        await StartJobsAsync(coordinator, 0, due, cancellationToken);
        clock.Advance(FetchTimeout / 2);
        await StartJobsAsync(coordinator, due, jobs - due, cancellationToken);
        setup.Stop();
        clock.Advance(FetchTimeout / 2 + options.SweepGrace + TimeSpan.FromSeconds(1));

        var ticks = new List<double>();
        var drain = Stopwatch.StartNew();
        var fired = -1;
        while (sender.Retries < due && sender.Retries > fired)
        {
            fired = sender.Retries;
            var tick = Stopwatch.StartNew();
            await coordinator.HandleAsync(new SweepDue($"bench-sweep-{ticks.Count}", clock.GetUtcNow()), cancellationToken);
            ticks.Add(tick.Elapsed.TotalMilliseconds);
            log.WriteLine($"   sweep {ticks.Count}: {ticks[^1]:0} ms, {sender.Retries:N0} of {due:N0} due timers fired so far");
        }

        drain.Stop();
        return new Dictionary<string, double>
        {
            ["active_jobs"] = jobs,
            ["due_jobs"] = due,
            ["timers_fired"] = sender.Retries,
            ["sweeps"] = ticks.Count,
            ["first_sweep_ms"] = ticks[0],
            ["longest_sweep_ms"] = ticks.Max(),
            ["drain_ms"] = drain.Elapsed.TotalMilliseconds,
            ["sweep_budget_ms"] = options.SweepBudget.TotalMilliseconds,
            ["first_sweep_target_ms"] = 5_000,
            ["setup_s"] = setup.Elapsed.TotalSeconds,
        };
    }

    private static async Task StartJobsAsync(Coordinator coordinator, int first, int count, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(16);
        await Task.WhenAll(Enumerable.Range(first, count).Select(async i =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                var etag = i.ToString("D8", CultureInfo.InvariantCulture);
                var upload = new ObjectCreated($"upload-{etag}", "ObjectCreated:PutObject", Bucket, $"src/site{i % 100}/app.zip", etag, 1, DateTimeOffset.UnixEpoch);
                _ = await coordinator.HandleAsync(upload, cancellationToken) ?? throw new InvalidOperationException($"upload {etag} started no job");
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    /// <summary>The clock the benchmark moves: jobs start at one time and fall due at another, without waiting.</summary>
    private sealed class BenchClock(DateTimeOffset start) : TimeProvider
    {
        private long _ticks = start.UtcTicks;

        public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }

    /// <summary>Nowhere to send; counts the retries scheduled, one per deadline the sweep fired.</summary>
    private sealed class RetryCountingSender : IMessageSender
    {
        private int _retries;

        public int Retries => Volatile.Read(ref _retries);

        public Task SendAsync(Destination destination, IMessage message, TimeSpan delay, CancellationToken cancellationToken)
        {
            if (message is RetryDue)
            {
                Interlocked.Increment(ref _retries);
            }

            return Task.CompletedTask;
        }
    }
}
