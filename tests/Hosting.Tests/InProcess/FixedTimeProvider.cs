namespace Orchestrator.Hosting.Tests.InProcess;

/// <summary>A clock stopped at one instant (timers stay real), to check what the host derives from "now".</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
