namespace Orchestrator.Tools.DevCloud.Config;

/// <summary>asyncInvokeConfig: how FC retries an asynchronous invocation, and where what still fails goes.</summary>
public sealed record AsyncInvokeSpec(int MaxRetryAttempts, int MaxEventAgeSeconds, string? OnFailureQueue)
{
    /// <summary>FC's defaults: 3 retries, 24 h of event age, no destination.</summary>
    public static AsyncInvokeSpec Default { get; } = new(3, 86_400, null);
}
