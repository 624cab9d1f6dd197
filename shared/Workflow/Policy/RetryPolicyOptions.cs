using Orchestrator.Contracts.Retry;

namespace Orchestrator.Workflow.Policy;

/// <summary>How one stage is retried: exponential backoff capped at <see cref="MaxDelay"/>, with full jitter (<see cref="Backoff"/>).</summary>
public sealed class RetryPolicyOptions : IBackoffPolicy
{
    /// <summary>Attempts in all, the first included (1 = never retried).</summary>
    public int MaxAttempts { get; set; } = 3;

    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(10);

    public double Multiplier { get; set; } = 2.0;

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(5);
}
