namespace Orchestrator.Workflow.Sweep;

/// <summary>One sweep's counts (thread-safe: jobs are swept in parallel) and its time budget.</summary>
internal sealed class SweepTally(Func<bool> budgetSpent)
{
    private readonly int[] _counts = new int[Enum.GetValues<SweepCount>().Length];
    private int _stopped;

    /// <summary>True once the budget ran out and work was left for the next tick.</summary>
    public bool Stopped => Volatile.Read(ref _stopped) == 1;

    public int this[SweepCount count] => Volatile.Read(ref _counts[(int)count]);

    public void Add(SweepCount count) => Interlocked.Increment(ref _counts[(int)count]);

    /// <summary>True when no new work may start; remembers that the sweep stopped early.</summary>
    public bool OutOfTime()
    {
        if (!budgetSpent())
        {
            return false;
        }

        Interlocked.Exchange(ref _stopped, 1);
        return true;
    }
}
