namespace Orchestrator.Hosting.Invocation;

/// <summary>The JSON body of a failed invocation, as FC and its callers expect it (no stack trace).</summary>
public sealed record InvocationFailure(string ErrorType, string ErrorMessage, string RequestId);
