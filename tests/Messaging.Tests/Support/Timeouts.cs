namespace Orchestrator.Messaging.Tests.Support;

/// <summary>Every test's work is bounded by one of these.</summary>
public static class Timeouts
{
    public static CancellationTokenSource Test() => new(TimeSpan.FromSeconds(30));
}
