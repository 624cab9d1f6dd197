namespace Orchestrator.Workflow.Sweep;

/// <summary>What one sweep counts (see <see cref="SweepTally"/>).</summary>
internal enum SweepCount
{
    /// <summary>Due markers found due.</summary>
    Due,

    /// <summary>Jobs worked on (from due markers or the safety net).</summary>
    Jobs,

    /// <summary>Stored results applied because their report had not come.</summary>
    Recovered,

    /// <summary>Timers fired because their delayed message had not come.</summary>
    Timers,

    /// <summary>Heads behind their journal repaired (the entry's effects replayed).</summary>
    Repaired,

    /// <summary>Jobs from before the due index given their marker.</summary>
    Migrated,

    /// <summary>Due markers deleted (stale or spent).</summary>
    Deleted,

    /// <summary>Active jobs the safety net checked.</summary>
    Checked,

    /// <summary>Jobs whose sweep failed (retried at the next tick).</summary>
    Failures,
}
