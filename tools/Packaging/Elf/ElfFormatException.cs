namespace Orchestrator.Tools.Packaging.Elf;

/// <summary>A file starts like an ELF file but its headers cannot be read.</summary>
public sealed class ElfFormatException(string path, string message) : Exception($"{path}: {message}");
