namespace Orchestrator.Workflow.Policy;

/// <summary>Where the retry jitter comes from; injected so tests and replays are deterministic.</summary>
public interface IJitterSource
{
    /// <summary>A number in [0, 1).</summary>
    double NextUnit();
}
