namespace Orchestrator.Contracts.Errors;

/// <summary>
/// The one base type of the project's exceptions. Carries a stable code (for scripts and the job document)
/// and whether retrying the same work can succeed.
/// </summary>
public class OrchestratorException : Exception
{
    public OrchestratorException(string code, string message, bool retryable, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        Retryable = retryable;
    }

    /// <summary>A stable PascalCase code, e.g. <c>ArchiveRejected</c>.</summary>
    public string Code { get; }

    /// <summary>True when the same work may succeed if tried again (transient trouble, time-outs).</summary>
    public bool Retryable { get; }
}
