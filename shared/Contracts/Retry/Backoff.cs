namespace Orchestrator.Contracts.Retry;

/// <summary>
/// Exponential backoff with full jitter: after failed attempt n (1-based) wait a uniform pick in
/// [0, min(max, initial · multiplier^(n−1))). Full jitter spreads a crowd of clients (or jobs) that failed together.
/// </summary>
public static class Backoff
{
    /// <summary>The ceiling of the delay after the <paramref name="failedAttempt"/>-th attempt failed (1-based).</summary>
    public static TimeSpan Ceiling(IBackoffPolicy policy, int failedAttempt)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var exponent = Math.Max(0, failedAttempt - 1);
        var ticks = policy.InitialDelay.Ticks * Math.Pow(policy.Multiplier, exponent);
        // Pow overflows to infinity long before a real policy gets there; the cap keeps it in range.
        return double.IsFinite(ticks) && ticks < policy.MaxDelay.Ticks ? TimeSpan.FromTicks((long)ticks) : policy.MaxDelay;
    }

    /// <summary>The jittered delay: <paramref name="unit"/> (in [0, 1)) of the ceiling.</summary>
    public static TimeSpan Delay(IBackoffPolicy policy, int failedAttempt, double unit)
    {
        if (unit is < 0 or >= 1 || double.IsNaN(unit))
        {
            throw new ArgumentOutOfRangeException(nameof(unit), unit, "jitter must be in [0, 1)");
        }

        return TimeSpan.FromTicks((long)(Ceiling(policy, failedAttempt).Ticks * unit));
    }

    /// <summary>The jittered delay with the jitter drawn from <paramref name="random"/>.</summary>
    public static TimeSpan Next(IBackoffPolicy policy, int failedAttempt, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Delay(policy, failedAttempt, random.NextDouble());
    }
}
