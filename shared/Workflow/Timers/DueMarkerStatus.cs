namespace Orchestrator.Workflow.Timers;

/// <summary>Where a due marker stands against a job's head (see <see cref="DueMarker.StatusIn"/>).</summary>
public enum DueMarkerStatus
{
    /// <summary>What it stands for is still waiting: the sweep acts on it.</summary>
    Pending,

    /// <summary>The job has moved past it: it can never be pending again and is deleted.</summary>
    Stale,

    /// <summary>The head has not reached it yet (its entry's effects are in flight, or crashed before the head): kept.</summary>
    Ahead,
}
