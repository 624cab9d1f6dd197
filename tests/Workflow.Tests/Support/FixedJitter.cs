using Orchestrator.Workflow.Policy;

namespace Orchestrator.Workflow.Tests.Support;

/// <summary>Deterministic jitter: always the same fraction of the backoff ceiling.</summary>
public sealed class FixedJitter(double unit) : IJitterSource
{
    public double NextUnit() => unit;
}
