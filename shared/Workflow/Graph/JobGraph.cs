using Orchestrator.Workflow.Machine;
using Orchestrator.Workflow.Policy;
using Stateless.Reflection;

namespace Orchestrator.Workflow.Graph;

/// <summary>
/// The job machine's diagram, for <c>orchestrator graph</c> and <c>GET /graph</c>: Stateless's own rendering of
/// <see cref="JobMachine"/>, so it cannot drift from the table. Neither settings nor a job change its shape.
/// </summary>
public static class JobGraph
{
    private static readonly Lazy<JobMachine> Machine = new(() => new JobMachine(
        new JobDecision(new JobInstance(), DateTimeOffset.UnixEpoch, 0),
        new JobActions(new CoordinatorOptions { Bucket = "graph" }, new RandomJitterSource())));

    /// <summary>The table as Stateless reflects it.</summary>
    public static StateMachineInfo Definition => Machine.Value.Info;

    /// <summary>Mermaid <c>stateDiagram-v2</c> text (Stateless's <c>MermaidGraph</c>).</summary>
    public static string Mermaid() => Machine.Value.ToMermaid();

    /// <summary>Graphviz DOT text (Stateless's <c>UmlDotGraph</c>).</summary>
    public static string Dot() => Machine.Value.ToDot();
}
