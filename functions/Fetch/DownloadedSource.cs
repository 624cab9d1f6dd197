namespace Orchestrator.Functions.Fetch;

/// <summary>The uploaded archive, spooled to <see cref="Path"/> and verified.</summary>
public sealed record DownloadedSource(string Path, long Size, string Md5, string Sha256);
