using System.Threading.Channels;

namespace Orchestrator.Tools.OssServer.Notifications;

/// <summary>One subscriber's stream of notifications (<see cref="Reader"/>); completes when the server stops.</summary>
public sealed class NotificationSubscription : IDisposable
{
    private readonly Channel<OssNotification> _channel;
    private readonly Action _unsubscribe;

    internal NotificationSubscription(Channel<OssNotification> channel, Action unsubscribe)
    {
        _channel = channel;
        _unsubscribe = unsubscribe;
    }

    public ChannelReader<OssNotification> Reader => _channel.Reader;

    public void Dispose()
    {
        _unsubscribe();
        _channel.Writer.TryComplete();
    }
}
