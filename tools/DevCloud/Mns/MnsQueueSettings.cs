namespace Orchestrator.Tools.DevCloud.Mns;

/// <summary>One queue of the local MNS service, with MNS's queue attributes and defaults.</summary>
public sealed class MnsQueueSettings
{
    public string Name { get; set; } = string.Empty;

    /// <summary>How long a received message stays invisible before it is delivered again (MNS default 30 s).</summary>
    public int VisibilityTimeoutSeconds { get; set; } = 30;

    /// <summary>The delay of a message sent without <c>DelaySeconds</c>.</summary>
    public int DelaySeconds { get; set; }

    /// <summary>The long-poll wait of a ReceiveMessage without <c>waitseconds</c>.</summary>
    public int PollingWaitSeconds { get; set; }
}
