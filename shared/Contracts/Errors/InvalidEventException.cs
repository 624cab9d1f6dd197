namespace Orchestrator.Contracts.Errors;

/// <summary>An invocation's event could not be understood (malformed JSON, unknown shape or message type).</summary>
public sealed class InvalidEventException : OrchestratorException
{
    public InvalidEventException(string code, string message, Exception? innerException = null)
        : base(code, message, retryable: false, innerException)
    {
    }
}
