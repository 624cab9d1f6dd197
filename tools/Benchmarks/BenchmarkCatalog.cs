namespace Orchestrator.Tools.Benchmarks;

/// <summary>Every benchmark, by id. Each lives in its own file; add it here with one line.</summary>
public static class BenchmarkCatalog
{
    public static IReadOnlyList<IBenchmark> All() =>
    [
        new ColdStartBenchmark(),
        new ObjectStreamBenchmark(),
        new PublishBenchmark(),
        new MessagingBenchmark(),
        new CoordinatorBenchmark(),
        new SweepBenchmark("SWEEP-1PCT", 0.01),
        new SweepBenchmark("SWEEP-ALL", 1.0),
        new LoadBenchmark(),
    ];
}
