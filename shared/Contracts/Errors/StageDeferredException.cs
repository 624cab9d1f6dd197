namespace Orchestrator.Contracts.Errors;

/// <summary>
/// A stage cannot start its work now (another instance holds what it needs): the delivery fails without a stage
/// result, so the queue delivers the message again later and no attempt is spent. Waiting inside the invocation
/// instead could hold the very instance the holder's own redelivery needs.
/// </summary>
public sealed class StageDeferredException(string code, string message)
    : OrchestratorException(code, message, retryable: true);
