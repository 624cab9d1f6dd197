using Orchestrator.Tools.Packaging.Glibc;

namespace Orchestrator.Tools.Packaging.Publish;

/// <summary>One function's package: its published folder, its code.zip, sizes and the newest glibc it needs.</summary>
public sealed record FunctionPackage(
    string Function,
    string PublishFolder,
    string ZipPath,
    long UnpackedBytes,
    long ZipBytes,
    IReadOnlyList<GlibcRequirement> GlibcRequirements)
{
    public GlibcRequirement? NewestGlibc => GlibcRequirements.MaxBy(r => r.Glibc);
}
