namespace Orchestrator.Hosting;

/// <summary>
/// Warm-up work a function does on FC's <c>POST /initialize</c>, before its first invocation (load a state
/// machine, open connections). Register any number; they run in registration order. Throwing fails the
/// initialization the same way a failed invocation fails.
/// </summary>
public interface IFunctionInitializer
{
    Task InitializeAsync(InvocationContext context, CancellationToken cancellationToken);
}
