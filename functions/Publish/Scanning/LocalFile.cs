namespace Orchestrator.Functions.Publish.Scanning;

/// <summary>A file of the unpacked build output: its site path ('/'-separated), where it is on disk, and its content hash.</summary>
public sealed record LocalFile(string Path, string FullPath, string Sha256, long Size);
