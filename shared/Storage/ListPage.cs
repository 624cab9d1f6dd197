namespace Orchestrator.Storage;

/// <summary>One page of a listing: objects, common prefixes (with a delimiter), and the token for the next page.</summary>
public sealed record ListPage(
    IReadOnlyList<ListedObject> Objects,
    IReadOnlyList<string> CommonPrefixes,
    bool IsTruncated,
    string? NextContinuationToken);

/// <summary>An object as a listing shows it.</summary>
public sealed record ListedObject(string Key, long Size, string ETag, DateTimeOffset LastModified);
