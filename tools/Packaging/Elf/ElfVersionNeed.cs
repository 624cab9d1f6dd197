namespace Orchestrator.Tools.Packaging.Elf;

/// <summary>One symbol version an ELF file needs from a shared library, e.g. <c>libc.so.6</c> / <c>GLIBC_2.28</c>.</summary>
public sealed record ElfVersionNeed(string Library, string Version);
