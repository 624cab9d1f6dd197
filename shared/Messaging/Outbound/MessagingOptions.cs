using Microsoft.Extensions.Configuration;
using Orchestrator.Contracts.Messages;
using Orchestrator.Contracts.Settings;

namespace Orchestrator.Messaging.Outbound;

/// <summary>
/// Where messages go: the MNS endpoint and one queue per <see cref="Destination"/>. Bound from the configuration
/// section <c>Mns</c> (environment: <c>Mns__Endpoint</c>, <c>Mns__Queues__Coordinator</c>, <c>Mns__Queues__Fetch</c>,
/// <c>Mns__Queues__Build</c>, <c>Mns__Queues__Publish</c>, and for the coordinator <c>Mns__Queues__DeadLetter</c>).
/// </summary>
public sealed class MessagingOptions : ISettings
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string SectionName = "Mns";

    /// <summary>e.g. <c>https://&lt;account&gt;.mns.cn-hangzhou-internal.aliyuncs.com</c>, or the dev cloud's loopback URL.</summary>
    public string? Endpoint { get; set; }

    public QueueNames Queues { get; set; } = new();

    /// <summary>The queue name for <paramref name="destination"/>.</summary>
    public string QueueFor(Destination destination) =>
        NameOf(destination) ?? throw new InvalidSettingException($"{SectionName}:Queues:{destination}", $"{SectionName}:Queues:{destination} is not set: no MNS queue for {destination}.");

    /// <summary>
    /// Fills an unset <see cref="Endpoint"/> with the account's internal MNS endpoint in the function's region
    /// (<c>https://&lt;FC_ACCOUNT_ID&gt;.mns.&lt;FC_REGION&gt;-internal.aliyuncs.com</c>), both of which FC gives every function.
    /// </summary>
    public void ApplyDefaults(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (string.IsNullOrWhiteSpace(Endpoint)
            && configuration[SettingNames.AccountId] is { Length: > 0 } account
            && configuration[SettingNames.Region] is { Length: > 0 } region)
        {
            Endpoint = $"https://{account.Trim()}.mns.{region.Trim()}-internal.aliyuncs.com";
        }
    }

    /// <summary>The validated <see cref="Endpoint"/>.</summary>
    public Uri EndpointUri => new(Endpoint ?? string.Empty, UriKind.Absolute);

    public void Validate()
    {
        if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var endpoint) || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidSettingException(
                $"{SectionName}:Endpoint",
                $"{SectionName}:Endpoint (\"{Endpoint}\") must be the MNS endpoint, an absolute http(s) URL such as https://<account>.mns.cn-hangzhou-internal.aliyuncs.com (unset, it is made from {SettingNames.AccountId} and {SettingNames.Region}).");
        }

        foreach (var destination in Enum.GetValues<Destination>())
        {
            CheckQueue(destination.ToString(), NameOf(destination), required: true);
        }

        CheckQueue("DeadLetter", Queues.DeadLetter, required: false);
    }

    private string? NameOf(Destination destination) => destination switch
    {
        Destination.Coordinator => Queues.Coordinator,
        Destination.Fetch => Queues.Fetch,
        Destination.Build => Queues.Build,
        Destination.Publish => Queues.Publish,
        _ => throw new ArgumentOutOfRangeException(nameof(destination), destination, "Unknown destination."),
    };

    private static void CheckQueue(string queue, string? name, bool required)
    {
        var setting = $"{SectionName}:Queues:{queue}";
        if (name is null ? required : !Mns.MnsLimits.IsValidQueueName(name))
        {
            throw new InvalidSettingException(
                setting,
                name is null
                    ? $"{setting} is not set: name the MNS queue for {queue} (s.yaml sets it from vars.queues)."
                    : $"{setting} (\"{name}\") is not a valid MNS queue name.");
        }
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
