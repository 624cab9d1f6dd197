using Orchestrator.Contracts.Security;

namespace Orchestrator.Tools.DevCloud.Mns;

/// <summary>
/// The local MNS service's settings (configuration section <c>Mns</c> when bound): where it listens, whose
/// signatures it accepts (generated per start when not given), and the queues it creates on start.
/// </summary>
public sealed class MnsServerOptions
{
    /// <summary>Loopback only: the dev cloud is never reachable from elsewhere.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>0 picks a free port.</summary>
    public int Port { get; set; }

    /// <summary>The only credentials requests may be signed with; null generates a fresh pair.</summary>
    public CloudCredentials? Credentials { get; set; }

    public List<MnsQueueSettings> Queues { get; set; } = [];

    /// <summary>Requests whose <c>Date</c> is further than this from the server's clock are refused, as MNS does.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(15);
}
