namespace Orchestrator.Contracts.Errors;

/// <summary>Codes of the coordinator's refusals and job-level failures; the status API maps the first three to 404/409.</summary>
public static class WorkflowErrorCodes
{
    /// <summary>No job has this id (404).</summary>
    public const string JobNotFound = "JobNotFound";

    /// <summary>A retry was refused: the stage is running within its deadline, or it cannot run yet (409).</summary>
    public const string NotRetryable = "NotRetryable";

    /// <summary>A cancel was refused: the job has already ended (409).</summary>
    public const string AlreadyTerminal = "AlreadyTerminal";

    /// <summary>
    /// A newer upload of the same site is already published. Publish fails with this code (non-retryable) when it
    /// sees a live release with a higher site sequence; the coordinator then ends the job Cancelled.
    /// </summary>
    public const string Superseded = "Superseded";

    /// <summary>A stage attempt did not report before its deadline.</summary>
    public const string StageTimedOut = "StageTimedOut";

    /// <summary>Too many coordinators raced on one job; the event can be redelivered (retryable).</summary>
    public const string ConcurrencyConflict = "ConcurrencyConflict";

    /// <summary>
    /// A stage result whose outputs are not what that job's stage attempt writes (another job's keys, a key outside
    /// the job, an unknown value): refused as a forgery, the job unchanged (not retryable).
    /// </summary>
    public const string OutputsRejected = "OutputsRejected";

    /// <summary>An upload event for a bucket this deployment does not take sources from: no job (not retryable).</summary>
    public const string BucketNotOwned = "BucketNotOwned";

    /// <summary>An event the job's state does not take at all (e.g. a result for a job that never started): refused, the job unchanged (not retryable).</summary>
    public const string UnexpectedEvent = "UnexpectedEvent";
}
