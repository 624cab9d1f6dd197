using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Orchestrator.Tools.OssServer.Notifications;

/// <summary>
/// Fans object-created notifications out to subscribers. Each subscriber has its own unbounded channel, so a slow
/// consumer (the dev cloud's trigger delivery) never slows a PUT down, and none misses an event after subscribing.
/// </summary>
public sealed class NotificationHub
{
    private readonly ConcurrentDictionary<Channel<OssNotification>, byte> _subscribers = new();

    /// <summary>Starts receiving notifications; dispose the subscription to stop.</summary>
    public NotificationSubscription Subscribe()
    {
        var channel = Channel.CreateUnbounded<OssNotification>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
        _subscribers[channel] = 0;
        return new NotificationSubscription(channel, () => _subscribers.TryRemove(channel, out _));
    }

    internal void Publish(OssNotification notification)
    {
        foreach (var channel in _subscribers.Keys)
        {
            channel.Writer.TryWrite(notification);
        }
    }

    internal void Complete()
    {
        foreach (var channel in _subscribers.Keys)
        {
            channel.Writer.TryComplete();
        }
    }
}
