using Orchestrator.Contracts.Errors;

namespace Orchestrator.Storage.Results;

/// <summary>A stored stage result that is not what its key says it is; it is never applied (a security event).</summary>
public sealed class StageResultRejectedException(string key, string reason, Exception? innerException = null)
    : OrchestratorException("StageResultRejected", $"stored result {key} refused: {reason}", retryable: false, innerException);
