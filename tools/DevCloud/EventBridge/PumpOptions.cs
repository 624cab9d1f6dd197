namespace Orchestrator.Tools.DevCloud.EventBridge;

/// <summary>Timing of the EventBridge stand-in; tests shorten it, the defaults follow EventBridge.</summary>
public sealed record PumpOptions
{
    /// <summary>The queues' visibility timeout: how long a received, undeleted message stays hidden.</summary>
    public int VisibilityTimeoutSeconds { get; init; } = 60;

    /// <summary>ReceiveMessage long-poll wait.</summary>
    public int PollWaitSeconds { get; init; } = 5;

    /// <summary>
    /// First retry delay. BACKOFF_RETRY waits a random time between this and twice this (EventBridge: 10–20 s);
    /// EXPONENTIAL_DECAY_RETRY doubles it per attempt up to <see cref="MaxBackoff"/> (EventBridge: 1 s … 512 s).
    /// </summary>
    public TimeSpan BackoffBase { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(512);

    /// <summary>Fault injection: queues whose every message is delivered twice (EventBridge is at-least-once).</summary>
    public IReadOnlySet<string> DuplicateDeliveryQueues { get; init; } = new HashSet<string>(StringComparer.Ordinal);
}
