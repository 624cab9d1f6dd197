namespace Orchestrator.Contracts.Status;

/// <summary>Optional body of <c>POST /sites/{site}/rollback</c>: the job whose release goes live again.</summary>
public sealed record RollbackRequest(string? To);
