using Orchestrator.Contracts.Messages;

namespace Orchestrator.Workflow.Tests.Support;

/// <summary>
/// The outbound port recorded in memory: there is no MNS here. It keeps every send in order, so tests can play the
/// stage functions (answer the requests) and the queue (deliver the delayed timers).
/// </summary>
public sealed class RecordingSender : IMessageSender
{
    private readonly List<Sent> _sent = [];

    public IReadOnlyList<Sent> All
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
            _sent.Add(new Sent(destination, message, delay));
        }

        return Task.CompletedTask;
    }

    /// <summary>The messages of one type sent so far, in order.</summary>
    public IReadOnlyList<T> OfType<T>() => [.. All.Select(s => s.Message).OfType<T>()];

    /// <summary>The last request sent to a stage.</summary>
    public T Last<T>() where T : IMessage => OfType<T>()[^1];

    public sealed record Sent(Destination Destination, IMessage Message, TimeSpan Delay);
}
