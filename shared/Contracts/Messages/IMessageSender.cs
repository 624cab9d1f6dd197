
namespace Orchestrator.Contracts.Messages;

/// <summary>
/// Outbound dispatch: puts a message on a queue, optionally delayed (MNS <c>DelaySeconds</c>, at most 7 days).
/// Retries and deadlines are delayed messages to <see cref="Destination.Coordinator"/>.
/// </summary>
public interface IMessageSender
{
    Task SendAsync(Destination destination, IMessage message, TimeSpan delay, CancellationToken cancellationToken);
}
