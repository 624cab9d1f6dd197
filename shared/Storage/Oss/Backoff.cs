namespace Orchestrator.Storage.Oss;

/// <summary>
/// Full-jitter exponential backoff: before retry n (1-based) wait a uniformly random time in
/// [0, min(cap, base·2ⁿ⁻¹)]. Full jitter spreads a crowd of clients that failed together.
/// </summary>
public static class Backoff
{
    /// <summary>The ceiling for retry <paramref name="retry"/> (1-based).</summary>
    public static TimeSpan Ceiling(int retry, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var exponent = Math.Min(Math.Max(retry - 1, 0), 30);
        var ticks = Math.Min(baseDelay.Ticks * (double)(1L << exponent), maxDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>A delay drawn uniformly from [0, ceiling].</summary>
    public static TimeSpan Next(int retry, TimeSpan baseDelay, TimeSpan maxDelay, Random random) =>
        TimeSpan.FromTicks((long)(random.NextDouble() * Ceiling(retry, baseDelay, maxDelay).Ticks));
}
