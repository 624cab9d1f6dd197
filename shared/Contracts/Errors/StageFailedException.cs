using Orchestrator.Contracts.Jobs;

namespace Orchestrator.Contracts.Errors;

/// <summary>A stage could not do its work; becomes the stage's <see cref="StageError"/> in the job document.</summary>
public sealed class StageFailedException : OrchestratorException
{
    public StageFailedException(string code, string message, bool retryable, Exception? innerException = null)
        : base(code, message, retryable, innerException)
    {
    }

    public StageError ToStageError() => new(Code, Message, Retryable);
}
