namespace Orchestrator.Contracts.Messages;

/// <summary>
/// OSS says an object was created (native OSS trigger or EventBridge form, already URL-decoded).
/// <see cref="MessageId"/> is derived from (bucket, key, ETag), so every copy of one upload's event has the same id.
/// </summary>
public sealed record ObjectCreated(
    string MessageId,
    string EventName,
    string Bucket,
    string Key,
    string ETag,
    long Size,
    DateTimeOffset EventTime) : IMessage;
