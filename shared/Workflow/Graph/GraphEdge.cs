namespace Orchestrator.Workflow.Graph;

/// <summary>A transition of the job machine: in <see cref="From"/>, <see cref="Event"/> leads to <see cref="To"/> (equal for a self-loop).</summary>
public sealed record GraphEdge(string From, string Event, string To);
