namespace Orchestrator.Contracts.Messages;

/// <summary>The queues of the system: the coordinator's own and one per stage.</summary>
public enum Destination
{
    Coordinator,
    Fetch,
    Build,
    Publish,
}
