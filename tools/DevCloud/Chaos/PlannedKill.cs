namespace Orchestrator.Tools.DevCloud.Chaos;

/// <summary>
/// Kill one of a function's running instances <paramref name="After"/> the function's <paramref name="Invocation"/>-th
/// invocation (1-based) was sent: the one at <paramref name="Pick"/> (in [0, 1)) of the instances running then.
/// </summary>
public sealed record PlannedKill(string Function, int Invocation, TimeSpan After, double Pick);
