namespace Orchestrator.Tools.DevCloud.Chaos;

/// <summary>Kill a function's instance <paramref name="After"/> its <paramref name="Invocation"/>-th invocation (1-based) was sent.</summary>
public sealed record PlannedKill(string Function, int Invocation, TimeSpan After);
