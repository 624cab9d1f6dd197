using Orchestrator.Contracts.Messages;
using Orchestrator.Messaging.Dispatch;

namespace Orchestrator.Functions.Publish.Rollback;

/// <summary>Takes <see cref="RollbackRequested"/> off the Publish queue, so a rollback never races a publish of the same site.</summary>
public sealed class RollbackMessageHandler(RollbackHandler rollback) : IMessageHandler<RollbackRequested>
{
    public Task HandleAsync(RollbackRequested message, CancellationToken cancellationToken) =>
        rollback.HandleAsync(message, cancellationToken);
}
