namespace Orchestrator.Workflow.Machine;

/// <summary>What can happen to a job: one trigger per message the machine takes, carried as the trigger's parameter.</summary>
public enum JobTrigger
{
    JobStarted,
    StageSucceeded,
    StageFailed,
    StageDeadlineDue,
    RetryDue,
    RetryJob,
    CancelJob,
}
