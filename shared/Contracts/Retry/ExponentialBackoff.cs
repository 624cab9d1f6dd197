namespace Orchestrator.Contracts.Retry;

/// <summary>An immutable <see cref="IBackoffPolicy"/>, for clients whose backoff is fixed at construction.</summary>
public sealed record ExponentialBackoff(TimeSpan InitialDelay, TimeSpan MaxDelay, double Multiplier = 2.0) : IBackoffPolicy
{
    /// <summary>The cloud clients' (OSS, MNS) backoff between HTTP attempts: 200 ms doubling up to 20 s.</summary>
    public static ExponentialBackoff CloudClients { get; } = new(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(20));
}
