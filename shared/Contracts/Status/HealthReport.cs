namespace Orchestrator.Contracts.Status;

/// <summary>Answer of <c>GET /healthz</c>.</summary>
public sealed record HealthReport(string Status);
