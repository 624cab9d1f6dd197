using System.CommandLine;
using Orchestrator.Workflow.Graph;

namespace Orchestrator.Cli.Commands;

/// <summary>`graph [--format mermaid|dot]`: the coordinator's state machine, as Stateless draws it.</summary>
internal static class GraphCommand
{
    public static Command Create()
    {
        var format = new Option<string>("--format")
        {
            Description = "mermaid or dot",
            DefaultValueFactory = _ => "mermaid",
        };
        format.AcceptOnlyFromAmong("mermaid", "dot");
        var command = new Command("graph", "print the coordinator's state machine (Mermaid, or DOT with --format dot)") { format };
        command.SetAction(parse =>
        {
            Console.WriteLine(parse.GetValue(format) == "dot" ? JobGraph.Dot() : JobGraph.Mermaid());
            return 0;
        });
        return command;
    }
}
