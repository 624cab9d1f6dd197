using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;

namespace Orchestrator.Messaging.Dispatch;

/// <summary>
/// Where the coordinator function's messages end up (the same shape as <c>Workflow.ICoordinator</c>, which
/// Messaging cannot reference): handle one message, answer the job after it, or null.
/// </summary>
public interface IMessageHandler
{
    Task<JobDocument?> HandleAsync(IMessage message, CancellationToken cancellationToken);
}
