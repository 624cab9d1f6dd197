namespace Orchestrator.Workflow.Machine;

/// <summary>
/// What an event means for a job, as <see cref="JobActions"/> classifies it. The rows of one trigger in
/// <see cref="JobMachine"/> each take one outcome, so their guards exclude each other by construction.
/// </summary>
public enum Outcome
{
    /// <summary>Refused: a forged result, an operator command the job cannot take now.</summary>
    Refuse,

    /// <summary>A stale timer: changes nothing and is not worth a history entry.</summary>
    Ignore,

    /// <summary>A result for an attempt that is not the running one: kept in the history, otherwise ignored.</summary>
    RecordIgnored,

    /// <summary>The running attempt succeeded: on to the next stage (or the end).</summary>
    Advance,

    /// <summary>The running attempt failed or timed out with attempts left: a retry after the backoff.</summary>
    Retry,

    /// <summary>A new attempt of the open stage starts now (the backoff is over, or an operator asked).</summary>
    Restart,

    /// <summary>The running attempt failed for good: the job fails.</summary>
    Fail,

    /// <summary>A newer upload of the site is already published: the job stops Cancelled.</summary>
    Supersede,
}
