namespace Orchestrator.Tools.OssServer.Disk;

/// <summary>
/// One stored object's metadata. The bytes live in an immutable blob file named by <see cref="BlobId"/>, or, for a
/// small object, in <see cref="Inline"/> inside this record's own file (empty <see cref="BlobId"/>): one file created
/// per write instead of two, and the rename that commits the record commits the bytes with it.
/// </summary>
internal sealed record ObjectRecord(
    string Key,
    string BlobId,
    long Size,
    string ETag,
    DateTimeOffset LastModified,
    string ContentType,
    string? CacheControl,
    Dictionary<string, string> Metadata,
    bool Multipart,
    byte[]? Inline = null)
{
    /// <summary>The largest body kept inline (journal entries, job heads, markers); bigger ones get a blob file.</summary>
    public const int InlineLimit = 16 * 1024;

    public bool HasBlob => Inline is null;
}
