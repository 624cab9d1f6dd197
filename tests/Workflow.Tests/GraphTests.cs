using Orchestrator.Contracts.Jobs;
using Orchestrator.Workflow.Graph;

namespace Orchestrator.Workflow.Tests;

/// <summary>
/// The diagram is generated from the machine's definition; these golden files pin it, so a change to the transition
/// table shows up as a reviewed diff here (and in docs/architecture.md, which embeds the same text).
/// To accept a change: <c>UPDATE_GOLDEN=1 dotnet test tests/Workflow.Tests</c>, then review the diff.
/// </summary>
public class GraphTests
{
    [Fact]
    public void Mermaid_GeneratedFromMachine_MatchesGolden() => AssertGolden("job-machine.mmd", JobGraph.Mermaid());

    [Fact]
    public void Dot_GeneratedFromMachine_MatchesGolden() => AssertGolden("job-machine.dot", JobGraph.Dot());

    [Fact]
    public void Definition_EveryStateReachableFromInitial()
    {
        var graph = JobGraph.Definition;
        var states = graph.States.ToDictionary(s => s.UnderlyingState);
        var reached = new HashSet<object> { graph.InitialState.UnderlyingState };
        var queue = new Queue<object>(reached);
        while (queue.TryDequeue(out var state))
        {
            foreach (var next in states[state].FixedTransitions.Select(t => t.DestinationState.UnderlyingState).Where(reached.Add))
            {
                queue.Enqueue(next);
            }
        }

        Assert.Equal(Enum.GetValues<JobState>().Cast<object>().Order(), reached.Order());
    }

    private static void AssertGolden(string name, string actual)
    {
        var source = Path.Combine(SourceDirectory(), "Golden", name);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(source, actual);
        }

        Assert.Equal(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", name)).ReplaceLineEndings("\n"), actual);
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
