using MassTransit;
using MassTransit.SagaStateMachine;

namespace Orchestrator.Workflow.Graph;

/// <summary>
/// Walks a state machine and records, per state and event, where each row of the table leads. A row is one
/// conditional <c>When</c>; a row that acts without <c>TransitionTo</c> is a self-loop.
/// </summary>
internal sealed class TransitionCollector<TInstance> : StateMachineVisitor
    where TInstance : class, SagaStateMachineInstance
{
    private readonly List<GraphEdge> _edges = [];
    private readonly Stack<Row> _rows = new();
    private string _state = "";
    private string _event = "";

    public IReadOnlyList<GraphEdge> Edges => _edges;

    public void Visit(State state, Action<State> next)
    {
        _state = state.Name;
        next(state);
    }

    public void Visit(Event @event, Action<Event> next)
    {
        _event = @event.Name;
        next(@event);
    }

    public void Visit<TMessage>(Event<TMessage> @event, Action<Event<TMessage>> next)
        where TMessage : class
    {
        _event = @event.Name;
        next(@event);
    }

    public void Visit(IStateMachineActivity activity) => Note(activity);

    public void Visit(IStateMachineActivity activity, Action<IStateMachineActivity> next)
    {
        var isRow = activity.GetType().Name.StartsWith("ConditionActivity", StringComparison.Ordinal);
        if (isRow)
        {
            _rows.Push(new Row());
        }

        Note(activity);
        next(activity);
        if (isRow && _rows.Pop() is { Acts: true, Moves: false })
        {
            Add(new GraphEdge(_state, _event, _state));
        }
    }

    public void Visit<T>(IBehavior<T> behavior)
        where T : class, SagaStateMachineInstance
    {
    }

    public void Visit<T>(IBehavior<T> behavior, Action<IBehavior<T>> next)
        where T : class, SagaStateMachineInstance => next(behavior);

    public void Visit<T, TMessage>(IBehavior<T, TMessage> behavior)
        where T : class, SagaStateMachineInstance
        where TMessage : class
    {
    }

    public void Visit<T, TMessage>(IBehavior<T, TMessage> behavior, Action<IBehavior<T, TMessage>> next)
        where T : class, SagaStateMachineInstance
        where TMessage : class => next(behavior);

    private void Note(IStateMachineActivity activity)
    {
        if (activity is TransitionActivity<TInstance> transition)
        {
            Add(new GraphEdge(_state, _event, transition.ToState.Name));
            if (_rows.TryPeek(out var row))
            {
                row.Moves = true;
            }
        }
        else if (activity.GetType().Name.StartsWith("ActionActivity", StringComparison.Ordinal) && _rows.TryPeek(out var row))
        {
            row.Acts = true;
        }
    }

    private void Add(GraphEdge edge)
    {
        if (!_edges.Contains(edge))
        {
            _edges.Add(edge);
        }
    }

    private sealed class Row
    {
        public bool Acts { get; set; }

        public bool Moves { get; set; }
    }
}
