using MassTransit;

namespace Orchestrator.Workflow.Graph;

/// <summary>
/// The job machine as states and edges, read from the machine's own definition (MassTransit's visitor), so the
/// diagram cannot drift from the code. <c>Initial</c> is the job before its first journal entry (shown as the start);
/// <see cref="Terminal"/> are the states where a job ends.
/// </summary>
public sealed record MachineGraph(IReadOnlyList<string> States, IReadOnlyList<GraphEdge> Edges, IReadOnlyList<string> Terminal)
{
    public const string InitialState = "Initial";

    /// <param name="machine">The machine to read.</param>
    /// <param name="terminal">States where a job ends (drawn as final even when an operator may re-open them).</param>
    public static MachineGraph From<TInstance>(StateMachine<TInstance> machine, IReadOnlyList<string> terminal)
        where TInstance : class, SagaStateMachineInstance
    {
        ArgumentNullException.ThrowIfNull(machine);
        var collector = new TransitionCollector<TInstance>();
        machine.Accept(collector);
        var states = machine.States.Select(s => s.Name).Where(n => n != "Final").ToList();
        return new MachineGraph(states, collector.Edges, terminal);
    }
}
