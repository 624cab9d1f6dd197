using System.Text.RegularExpressions;

namespace Orchestrator.Messaging.Mns;

/// <summary>MNS's documented bounds, checked before a request leaves (and by the local MNS service).</summary>
public static partial class MnsLimits
{
    /// <summary>DelaySeconds: 0 to 604800 (7 days).</summary>
    public const int MaxDelaySeconds = 604_800;

    /// <summary>waitseconds of a long poll: 0 to 30.</summary>
    public const int MaxWaitSeconds = 30;

    /// <summary>VisibilityTimeout: 1 to 43200 seconds (12 hours).</summary>
    public const int MaxVisibilityTimeoutSeconds = 43_200;

    /// <summary>numOfMessages of BatchReceiveMessage and BatchPeekMessage: 1 to 16.</summary>
    public const int MaxBatchMessages = 16;

    /// <summary>A message body: at most 64 KiB.</summary>
    public const int MaxMessageBytes = 65_536;

    /// <summary>Letters, digits and hyphens, starting with a letter, at most 120 characters.</summary>
    public static bool IsValidQueueName(string? name) => name is not null && QueueName().IsMatch(name);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9-]{0,119}$", RegexOptions.CultureInvariant)]
    private static partial Regex QueueName();
}
