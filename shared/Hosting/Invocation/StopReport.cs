namespace Orchestrator.Hosting.Invocation;

/// <summary>What /pre-stop answers: whether every invocation finished within the drain timeout.</summary>
public sealed record StopReport(bool Drained, int InFlight);
