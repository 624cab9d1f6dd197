namespace Orchestrator.Contracts.Jobs;

/// <summary>Where one stage of a job stands.</summary>
public enum StageState
{
    Pending,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}
