namespace Orchestrator.Contracts.Status;

/// <summary>Optional body of <c>POST /jobs/{id}/retry</c>: the stage to re-run ("fetch", "build", "publish").</summary>
public sealed record RetryRequest(string? Stage);
