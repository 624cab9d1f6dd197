using Orchestrator.Contracts.Jobs;

namespace Orchestrator.Messaging.Dispatch;

/// <summary>
/// The job documents the coordinator answered during one invocation (scoped: one per invocation), collected by
/// the consumers and returned by the invocation handler.
/// </summary>
public sealed class InvocationReplies
{
    /// <summary>The last job document answered, if any.</summary>
    public JobDocument? Job { get; private set; }

    public void Add(JobDocument? job)
    {
        if (job is not null)
        {
            Job = job;
        }
    }
}
