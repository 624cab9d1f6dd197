namespace Orchestrator.Functions.Publish.Releases;

/// <summary>One file of a release: its content hash (lower-case hex sha256), size and the headers it is served with.</summary>
public sealed record ReleaseFile(string Sha256, long Size, string ContentType, string CacheControl);
