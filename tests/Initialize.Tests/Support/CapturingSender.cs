using Orchestrator.Contracts.Messages;

namespace Orchestrator.Functions.Initialize.Tests.Support;

/// <summary>
/// The outbound port, kept in memory: these tests are about what the coordinator decides and what the API and
/// page show; the MNS sender and queues have their own tests (Messaging.Tests) and the dev cloud runs them.
/// </summary>
internal sealed class CapturingSender : IMessageSender
{
    private readonly List<(Destination Destination, IMessage Message)> _sent = [];

    public IReadOnlyList<(Destination Destination, IMessage Message)> Sent
    {
        get
        {
            lock (_sent)
            {
                return [.. _sent];
            }
        }
    }

    public Task SendAsync(Destination destination, IMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        lock (_sent)
        {
            _sent.Add((destination, message));
        }

        return Task.CompletedTask;
    }

    public IReadOnlyList<T> OfType<T>() => [.. Sent.Select(s => s.Message).OfType<T>()];
}
