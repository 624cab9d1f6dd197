namespace Orchestrator.Archives;

/// <summary>What <see cref="ArchiveWriter"/> wrote: regular files and their bytes.</summary>
public sealed record ArchiveWriteResult(int Files, long Bytes);
