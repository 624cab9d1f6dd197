namespace Orchestrator.Workflow.Policy;

/// <summary>Production jitter: the shared thread-safe random generator.</summary>
public sealed class RandomJitterSource : IJitterSource
{
    public double NextUnit() => Random.Shared.NextDouble();
}
