using Orchestrator.Contracts.Jobs;
using Orchestrator.Workflow.Machine;
using Orchestrator.Workflow.Policy;

namespace Orchestrator.Workflow.Graph;

/// <summary>The job machine's diagram, for <c>orchestrator graph</c> and <c>GET /graph</c>. Settings do not change its shape.</summary>
public static class JobGraph
{
    private static readonly Lazy<MachineGraph> Graph = new(() =>
        MachineGraph.From(new JobWorkflow(new JobActions(new CoordinatorOptions { Bucket = "graph" }, new RandomJitterSource())),
        [nameof(JobState.Succeeded), nameof(JobState.Failed), nameof(JobState.Cancelled)]));

    public static MachineGraph Definition => Graph.Value;

    /// <summary>Mermaid <c>stateDiagram-v2</c> text.</summary>
    public static string Mermaid() => GraphWriter.ToMermaid(Graph.Value);

    /// <summary>Graphviz DOT text.</summary>
    public static string Dot() => GraphWriter.ToDot(Graph.Value);
}
