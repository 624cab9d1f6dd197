using System.Text.Json.Serialization;

namespace Orchestrator.Tools.OssServer.Disk;

/// <summary>
/// One stored object's metadata. The bytes live in an immutable blob file named by <see cref="BlobId"/>, or, for a
/// small object, in <see cref="Inline"/> inside the record itself (empty <see cref="BlobId"/>): no file is created
/// for it, and the log append that commits the record commits the bytes with it.
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
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] byte[]? Inline = null)
{
    /// <summary>The largest body kept inline (journal entries, job heads, markers); bigger ones get a blob file.</summary>
    public const int InlineLimit = 16 * 1024;

    /// <summary>
    /// Told by <see cref="BlobId"/>, not by <see cref="Inline"/>: records written before the log stored a blob
    /// object's absent bytes as an empty string, which reads back as an empty inline body.
    /// </summary>
    [JsonIgnore]
    public bool HasBlob => BlobId.Length > 0;
}
