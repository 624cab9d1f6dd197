namespace Orchestrator.Archives;

/// <summary>A folder stored as tar.gz: its key, content hash and size, and what it holds.</summary>
public sealed record StoredArchive(string Key, string Sha256, long ArchiveBytes, int Files, long Bytes, string ETag);
