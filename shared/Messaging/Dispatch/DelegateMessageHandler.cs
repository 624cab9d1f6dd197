using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;

namespace Orchestrator.Messaging.Dispatch;

/// <summary>An <see cref="IMessageHandler"/> over a delegate, so a host can forward to its coordinator in one line.</summary>
internal sealed class DelegateMessageHandler(IServiceProvider services, Func<IServiceProvider, IMessage, CancellationToken, Task<JobDocument?>> handle) : IMessageHandler
{
    public Task<JobDocument?> HandleAsync(IMessage message, CancellationToken cancellationToken) => handle(services, message, cancellationToken);
}
