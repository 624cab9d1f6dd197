namespace Orchestrator.Archives;

/// <summary>The archive formats the extractor recognises, told apart by their leading bytes.</summary>
public enum ArchiveFormat
{
    Zip,
    TarGzip,
    Tar,
}
