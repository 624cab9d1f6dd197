namespace Orchestrator.Tools.DevCloud.Mns;

/// <summary>A message held by a local queue; mutable state guarded by its queue's lock.</summary>
internal sealed class MnsStoredMessage(string id, string body, string bodyMd5, int priority, DateTimeOffset enqueueTime, DateTimeOffset visibleAt, long sequence)
{
    public string Id { get; } = id;

    public string Body { get; } = body;

    public string BodyMd5 { get; } = bodyMd5;

    public int Priority { get; } = priority;

    public DateTimeOffset EnqueueTime { get; } = enqueueTime;

    public long Sequence { get; } = sequence;

    public DateTimeOffset VisibleAt { get; set; } = visibleAt;

    public DateTimeOffset? FirstDequeueTime { get; set; }

    public int DequeueCount { get; set; }

    /// <summary>The handle of the latest receive; older handles no longer work.</summary>
    public string? ReceiptHandle { get; set; }
}
