namespace Orchestrator.Storage;

/// <summary>What HEAD tells about an object. <see cref="ETag"/> keeps OSS's quotes.</summary>
public sealed record ObjectMetadata(
    string Key,
    long ContentLength,
    string ETag,
    DateTimeOffset LastModified,
    string? ContentType,
    string? CacheControl,
    IReadOnlyDictionary<string, string> Metadata);
