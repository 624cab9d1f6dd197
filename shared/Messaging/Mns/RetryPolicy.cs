using Orchestrator.Storage.Oss;

namespace Orchestrator.Messaging.Mns;

/// <summary>
/// The MNS client's retry discipline, the same as the OSS client's: a number of attempts and full-jitter
/// exponential backoff (<see cref="Backoff"/>). The wait itself is injectable so tests never sleep.
/// </summary>
public sealed class RetryPolicy
{
    /// <summary>The policy the MNS client uses: 3 attempts, 200 ms base, 20 s cap.</summary>
    public static RetryPolicy Default { get; } = new(3, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(20));

    public RetryPolicy(int maxAttempts, TimeSpan baseDelay, TimeSpan maxDelay, Func<TimeSpan, CancellationToken, Task>? delay = null, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        MaxAttempts = maxAttempts;
        BaseDelay = baseDelay;
        MaxDelay = maxDelay;
        Delay = delay ?? Task.Delay;
        Random = random ?? Random.Shared;
    }

    public int MaxAttempts { get; }

    public TimeSpan BaseDelay { get; }

    public TimeSpan MaxDelay { get; }

    /// <summary>How to wait between attempts (<see cref="Task.Delay(TimeSpan, CancellationToken)"/> unless replaced).</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; }

    private Random Random { get; }

    /// <summary>The wait before retrying after failed attempt <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan BackoffAfter(int attempt) => Backoff.Next(attempt, BaseDelay, MaxDelay, Random);

    /// <summary>A copy that waits with <paramref name="delay"/> instead.</summary>
    public RetryPolicy WithDelay(Func<TimeSpan, CancellationToken, Task> delay) => new(MaxAttempts, BaseDelay, MaxDelay, delay, Random);
}
