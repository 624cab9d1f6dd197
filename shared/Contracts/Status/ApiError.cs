namespace Orchestrator.Contracts.Status;

/// <summary>Why a status API call was refused: a stable code for scripts and a message for people.</summary>
public sealed record ApiError(string Code, string Message);
