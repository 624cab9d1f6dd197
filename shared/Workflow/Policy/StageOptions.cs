namespace Orchestrator.Workflow.Policy;

/// <summary>One stage's timing: how long an attempt may take before it counts as timed out, and how it is retried.</summary>
public sealed class StageOptions
{
    /// <summary>An attempt that has not reported after this long has timed out (a worker killed by FC never reports).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(15);

    public RetryPolicyOptions Retry { get; set; } = new();
}
