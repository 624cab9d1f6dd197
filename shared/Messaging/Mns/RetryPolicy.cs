using Orchestrator.Contracts.Retry;

namespace Orchestrator.Messaging.Mns;

/// <summary>
/// The MNS client's retry discipline, the same as the OSS client's: a number of attempts and full-jitter
/// exponential backoff (<see cref="Contracts.Retry.Backoff"/>). The wait itself is injectable so tests never sleep.
/// </summary>
public sealed class RetryPolicy
{
    /// <summary>The policy the MNS client uses: 3 attempts, <see cref="ExponentialBackoff.CloudClients"/> between them.</summary>
    public static RetryPolicy Default { get; } = new(3, ExponentialBackoff.CloudClients);

    public RetryPolicy(int maxAttempts, IBackoffPolicy backoff, Func<TimeSpan, CancellationToken, Task>? delay = null, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        ArgumentNullException.ThrowIfNull(backoff);
        MaxAttempts = maxAttempts;
        Backoff = backoff;
        Delay = delay ?? Task.Delay;
        Random = random ?? Random.Shared;
    }

    public int MaxAttempts { get; }

    public IBackoffPolicy Backoff { get; }

    /// <summary>How to wait between attempts (<see cref="Task.Delay(TimeSpan, CancellationToken)"/> unless replaced).</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; }

    private Random Random { get; }

    /// <summary>The wait before retrying after failed attempt <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan BackoffAfter(int attempt) => Contracts.Retry.Backoff.Next(Backoff, attempt, Random);

    /// <summary>A copy that waits with <paramref name="delay"/> instead.</summary>
    public RetryPolicy WithDelay(Func<TimeSpan, CancellationToken, Task> delay) => new(MaxAttempts, Backoff, delay, Random);
}
