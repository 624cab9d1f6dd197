namespace Orchestrator.Hosting.Tests.InProcess;

/// <summary>A handler whose behaviour each test supplies.</summary>
internal sealed class DelegateHandler(Func<ReadOnlyMemory<byte>, InvocationContext, CancellationToken, Task<InvocationResult>> handle) : IInvocationHandler
{
    public Task<InvocationResult> InvokeAsync(ReadOnlyMemory<byte> body, InvocationContext context, CancellationToken cancellationToken) =>
        handle(body, context, cancellationToken);
}
