namespace Orchestrator.Storage;

/// <summary>What a write returned: the new object's ETag (quoted, as OSS sends it) and OSS's request id.</summary>
public sealed record PutResult(string ETag, string? RequestId);
