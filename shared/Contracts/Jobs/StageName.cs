namespace Orchestrator.Contracts.Jobs;

/// <summary>The three stages a job runs through, in order. Serialised lower-case ("fetch", "build", "publish").</summary>
public enum StageName
{
    Fetch,
    Build,
    Publish,
}
