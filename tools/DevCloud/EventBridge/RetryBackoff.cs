using System.Security.Cryptography;

namespace Orchestrator.Tools.DevCloud.EventBridge;

/// <summary>EventBridge's push retry delays, per strategy; at least one second (MNS visibility is in whole seconds).</summary>
public static class RetryBackoff
{
    public static int DelaySeconds(string strategy, int failedAttempts, PumpOptions options)
    {
        var baseMs = options.BackoffBase.TotalMilliseconds;
        var delay = strategy == "EXPONENTIAL_DECAY_RETRY"
            ? Math.Min(options.MaxBackoff.TotalMilliseconds, baseMs * Math.Pow(2, Math.Max(0, failedAttempts - 1)))
            : baseMs + (RandomNumberGenerator.GetInt32(1000) / 1000.0 * baseMs);
        return Math.Max(1, (int)Math.Ceiling(delay / 1000));
    }
}
