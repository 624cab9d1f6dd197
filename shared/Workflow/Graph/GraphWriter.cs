using System.Text;

namespace Orchestrator.Workflow.Graph;

/// <summary>Renders a <see cref="MachineGraph"/> as Mermaid (<c>stateDiagram-v2</c>) or Graphviz DOT; self-loops of a state are merged into one edge.</summary>
public static class GraphWriter
{
    public static string ToMermaid(MachineGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var text = new StringBuilder("stateDiagram-v2\n");
        foreach (var (from, to, label) in Lines(graph))
        {
            text.Append("    ").Append(from == MachineGraph.InitialState ? "[*]" : from)
                .Append(" --> ").Append(to).Append(" : ").Append(label).Append('\n');
        }

        foreach (var state in graph.Terminal)
        {
            text.Append("    ").Append(state).Append(" --> [*]\n");
        }

        return text.ToString();
    }

    public static string ToDot(MachineGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var text = new StringBuilder("digraph Job {\n    rankdir=LR;\n    node [shape=box, style=rounded];\n");
        text.Append("    ").Append(MachineGraph.InitialState).Append(" [shape=circle, label=\"\", width=0.25, style=filled, fillcolor=black];\n");
        foreach (var state in graph.Terminal)
        {
            text.Append("    ").Append(state).Append(" [peripheries=2];\n");
        }

        foreach (var (from, to, label) in Lines(graph))
        {
            text.Append("    ").Append(from).Append(" -> ").Append(to).Append(" [label=\"").Append(label).Append("\"")
                .Append(from == to ? ", style=dashed" : "").Append("];\n");
        }

        return text.Append("}\n").ToString();
    }

    /// <summary>One line per (from, to): the events that lead there, in table order.</summary>
    private static IEnumerable<(string From, string To, string Label)> Lines(MachineGraph graph) =>
        graph.Edges
            .GroupBy(e => (e.From, e.To))
            .Select(g => (g.Key.From, g.Key.To, string.Join(", ", g.Select(e => e.Event).Distinct())));
}
