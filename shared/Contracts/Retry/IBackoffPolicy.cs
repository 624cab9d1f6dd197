namespace Orchestrator.Contracts.Retry;

/// <summary>
/// The shape of an exponential backoff: the first ceiling, how much it grows per failed attempt and where it stops.
/// The OSS and MNS clients (short waits between HTTP attempts) and the coordinator (stage retries as delayed
/// messages) use the same arithmetic, <see cref="Backoff"/>.
/// </summary>
public interface IBackoffPolicy
{
    /// <summary>The ceiling after the first failed attempt.</summary>
    TimeSpan InitialDelay { get; }

    /// <summary>The factor the ceiling grows by with each further failed attempt (at least 1).</summary>
    double Multiplier { get; }

    /// <summary>The largest ceiling.</summary>
    TimeSpan MaxDelay { get; }
}
