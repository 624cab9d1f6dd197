using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Contracts.Messages;
using Orchestrator.Messaging.Mns;
using Orchestrator.Messaging.Wire;

namespace Orchestrator.Messaging.Outbound;

/// <summary>
/// <see cref="IMessageSender"/> over MNS: the message goes, in its <see cref="WireEnvelope"/>, to the queue the
/// options name for its destination, with <c>DelaySeconds</c> rounded up to whole seconds.
/// </summary>
public sealed class MnsMessageSender(MnsClient client, IOptions<MessagingOptions> options, ILogger<MnsMessageSender> logger) : IMessageSender
{
    public async Task SendAsync(Destination destination, IMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (delay < TimeSpan.Zero || delay > TimeSpan.FromSeconds(MnsLimits.MaxDelaySeconds))
        {
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "An MNS delay is between 0 and 7 days.");
        }

        var queue = options.Value.QueueFor(destination);
        var body = EnvelopeSerializer.Serialize(message);
        var result = await client.SendMessageAsync(queue, body, delay, cancellationToken);
        Logs.MessageSent(logger, message.GetType().Name, message.MessageId, queue, (int)Math.Ceiling(delay.TotalSeconds), result.MessageId);
    }
}
