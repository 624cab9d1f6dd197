namespace Orchestrator.Tools.OssServer.Notifications;

/// <summary>
/// An object-created notification: the event name (<c>ObjectCreated:PutObject</c>, <c>ObjectCreated:CopyObject</c>,
/// <c>ObjectCreated:CompleteMultipartUpload</c>) and <see cref="EventJson"/>, the exact body OSS's trigger posts to
/// FC (<c>{"events":[...]}</c>), ready for the dev cloud to deliver.
/// </summary>
public sealed record OssNotification(string Bucket, string Key, string EventName, string ETag, long Size, string RequestId, DateTimeOffset Time, string EventJson);
