namespace Orchestrator.Contracts.Jobs;

/// <summary>The uploaded archive a job was started by. (Bucket, Key, ETag) identifies the upload.</summary>
public sealed record SourceObject(string Bucket, string Key, string ETag, long Size);
