namespace Orchestrator.Tools.DevCloud.Fc;

/// <summary>
/// What one invocation came to. FC counts it failed when the function answered <c>x-fc-status: 404</c>
/// (or a 5xx), when the connection was lost (the instance died), or when it ran past the function's timeout.
/// </summary>
public sealed record InvokeOutcome(string RequestId, int StatusCode, string? Failure, byte[] Body)
{
    public bool Succeeded => Failure is null;

    public static InvokeOutcome Lost(string requestId, string reason) => new(requestId, 0, reason, []);
}
