namespace Orchestrator.Hosting;

/// <summary>
/// A function's handler for FC's <c>POST /invoke</c>. The body is the raw event bytes (FC sends
/// <c>application/octet-stream</c> whatever the payload). Throw to fail the invocation: the host answers
/// with <c>x-fc-status: 404</c> and a JSON error body, and keeps serving.
/// </summary>
public interface IInvocationHandler
{
    Task<InvocationResult> InvokeAsync(ReadOnlyMemory<byte> body, InvocationContext context, CancellationToken cancellationToken);
}
