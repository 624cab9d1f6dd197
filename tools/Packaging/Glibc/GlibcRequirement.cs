namespace Orchestrator.Tools.Packaging.Glibc;

/// <summary>The newest glibc symbol version one file of a package needs (e.g. <c>GLIBC_2.27</c> from <c>libc.so.6</c>).</summary>
public sealed record GlibcRequirement(string RelativePath, Version Glibc, string Symbol, string Library);
