namespace Orchestrator.Tools.OssServer.Disk;

/// <summary>One stored object's metadata; the bytes live in an immutable blob file named by <see cref="BlobId"/>.</summary>
internal sealed record ObjectRecord(
    string Key,
    string BlobId,
    long Size,
    string ETag,
    DateTimeOffset LastModified,
    string ContentType,
    string? CacheControl,
    Dictionary<string, string> Metadata,
    bool Multipart);
