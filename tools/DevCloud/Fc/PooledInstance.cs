namespace Orchestrator.Tools.DevCloud.Fc;

/// <summary>An instance in its pool, with the invocations it is running; mutable state guarded by the pool's lock.</summary>
internal sealed class PooledInstance(FunctionInstance instance, DateTimeOffset now)
{
    public FunctionInstance Instance { get; } = instance;

    /// <summary>Invocations (events and HTTP requests) the instance is running now.</summary>
    public int Active { get; set; }

    /// <summary>When the instance last finished an invocation (or started, if it never ran one).</summary>
    public DateTimeOffset IdleSince { get; set; } = now;
}
