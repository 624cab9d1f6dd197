namespace Orchestrator.Tools.OssServer.Disk;

/// <summary>A multipart upload in progress: the target key, the headers given at initiation, and the parts so far.</summary>
internal sealed class UploadRecord(string key, string contentType, string? cacheControl, Dictionary<string, string> metadata)
{
    public string Key { get; } = key;

    public string ContentType { get; } = contentType;

    public string? CacheControl { get; } = cacheControl;

    public Dictionary<string, string> Metadata { get; } = metadata;

    /// <summary>Part number → (MD5 bytes, size). Guarded by its own lock.</summary>
    public SortedDictionary<int, (byte[] Md5, long Size)> Parts { get; } = [];
}
