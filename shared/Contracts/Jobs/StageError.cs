namespace Orchestrator.Contracts.Jobs;

/// <summary>Why a stage failed: a stable code for scripts, a message for people, and whether a retry can help.</summary>
public sealed record StageError(string Code, string Message, bool Retryable);
