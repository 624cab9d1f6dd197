namespace Orchestrator.Tools.Benchmarks;

/// <summary>
/// One benchmark: measures on this machine and returns named figures (units in the name, e.g. <c>p99_ms</c>).
/// Speed and memory targets are checked by these figures, never by timed tests.
/// </summary>
public interface IBenchmark
{
    /// <summary>Short id for <c>bench --only</c>, e.g. <c>P1</c>.</summary>
    string Id { get; }

    string Title { get; }

    /// <summary>Runs the benchmark; progress goes to <paramref name="log"/>.</summary>
    Task<IReadOnlyDictionary<string, double>> RunAsync(TextWriter log, CancellationToken cancellationToken);
}
