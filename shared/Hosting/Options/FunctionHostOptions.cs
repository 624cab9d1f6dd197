using System.Net;

namespace Orchestrator.Hosting.Options;

/// <summary>
/// The host's settings, read once at start from configuration (environment variables included) and validated
/// by <see cref="FunctionHostOptionsReader"/>.
/// </summary>
public sealed record FunctionHostOptions(
    IPAddress ListenAddress,
    int Port,
    TimeSpan FunctionTimeout,
    TimeSpan TimeoutBuffer,
    TimeSpan DrainTimeout)
{
    /// <summary>
    /// How long one invocation may run before its cancellation token fires: the function's timeout minus a
    /// buffer, so a handler has time to record its failure before FC kills the instance.
    /// </summary>
    public TimeSpan InvocationBudget => FunctionTimeout - TimeoutBuffer;
}
