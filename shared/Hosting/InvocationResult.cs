namespace Orchestrator.Hosting;

/// <summary>What a successful invocation answers: a body (usually JSON) and its content type.</summary>
public sealed record InvocationResult(ReadOnlyMemory<byte> Body, string ContentType = "application/json")
{
    /// <summary>An empty JSON object: the invocation succeeded with nothing to say.</summary>
    public static InvocationResult Empty { get; } = new("{}"u8.ToArray());
}
