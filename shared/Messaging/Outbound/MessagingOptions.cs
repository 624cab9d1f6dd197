using Orchestrator.Contracts.Messages;

namespace Orchestrator.Messaging.Outbound;

/// <summary>
/// Where messages go: the MNS endpoint and one queue per <see cref="Destination"/>. Bound from the configuration
/// section <c>Mns</c> (environment: <c>Mns__Endpoint</c>, <c>Mns__Queues__Coordinator</c>, <c>Mns__Queues__Fetch</c>,
/// <c>Mns__Queues__Build</c>, <c>Mns__Queues__Publish</c>, and for the coordinator <c>Mns__Queues__DeadLetter</c>).
/// </summary>
public sealed class MessagingOptions
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string Section = "Mns";

    /// <summary>e.g. <c>https://&lt;account&gt;.mns.cn-hangzhou-internal.aliyuncs.com</c>, or the dev cloud's loopback URL.</summary>
    public string? Endpoint { get; set; }

    public QueueNames Queues { get; set; } = new();

    /// <summary>The queue name for <paramref name="destination"/>.</summary>
    public string QueueFor(Destination destination) => destination switch
    {
        Destination.Coordinator => Queues.Coordinator,
        Destination.Fetch => Queues.Fetch,
        Destination.Build => Queues.Build,
        Destination.Publish => Queues.Publish,
        _ => throw new ArgumentOutOfRangeException(nameof(destination), destination, "Unknown destination."),
    } ?? throw new InvalidOperationException($"Setting {Section}:Queues:{destination} is missing: no MNS queue for {destination}.");

    /// <summary>Checks the settings; the message names the bad setting.</summary>
    /// <exception cref="InvalidOperationException">A setting is missing or malformed.</exception>
    public Uri Validate()
    {
        if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var endpoint) || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException($"Setting {Section}:Endpoint (env {Section}__Endpoint) must be an absolute http(s) URL; it is \"{Endpoint}\".");
        }

        foreach (var destination in Enum.GetValues<Destination>())
        {
            var name = QueueFor(destination);
            if (!Mns.MnsLimits.IsValidQueueName(name))
            {
                throw new InvalidOperationException($"Setting {Section}:Queues:{destination} = \"{name}\" is not a valid MNS queue name.");
            }
        }

        if (Queues.DeadLetter is { } deadLetter && !Mns.MnsLimits.IsValidQueueName(deadLetter))
        {
            throw new InvalidOperationException($"Setting {Section}:Queues:DeadLetter = \"{deadLetter}\" is not a valid MNS queue name.");
        }

        return endpoint;
    }
}

/// <summary>One MNS queue name per destination, and the dead-letter queue the triggers give up to.</summary>
public sealed class QueueNames
{
    public string? Coordinator { get; set; }

    public string? Fetch { get; set; }

    public string? Build { get; set; }

    public string? Publish { get; set; }

    /// <summary>Where EventBridge and FC put what they could not deliver; only the coordinator reads it (optional).</summary>
    public string? DeadLetter { get; set; }
}
