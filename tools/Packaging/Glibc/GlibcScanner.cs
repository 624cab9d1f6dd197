using System.Globalization;
using Orchestrator.Tools.Packaging.Elf;

namespace Orchestrator.Tools.Packaging.Glibc;

/// <summary>Finds, for every ELF file under a folder, the newest <c>GLIBC_x.y</c> version it needs.</summary>
public static class GlibcScanner
{
    private const string Prefix = "GLIBC_";

    public static IReadOnlyList<GlibcRequirement> Scan(string folder)
    {
        var requirements = new List<GlibcRequirement>();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (!ElfVersionReader.IsElf(file))
            {
                continue;
            }

            var newest = ElfVersionReader.Read(file)
                .Select(need => (Need: need, Version: Parse(need.Version)))
                .Where(n => n.Version is not null)
                .MaxBy(n => n.Version);
            if (newest.Version is not null)
            {
                requirements.Add(new GlibcRequirement(Path.GetRelativePath(folder, file), newest.Version, newest.Need.Version, newest.Need.Library));
            }
        }

        return requirements;
    }

    /// <summary>The files that need a newer glibc than <paramref name="runtime"/> has.</summary>
    public static IReadOnlyList<GlibcRequirement> TooNew(IEnumerable<GlibcRequirement> requirements, FcRuntime runtime) =>
        requirements.Where(r => r.Glibc > runtime.Glibc).ToList();

    // "GLIBC_2.28" → 2.28; "GLIBC_PRIVATE" and other non-numeric versions are not release requirements.
    private static Version? Parse(string symbolVersion)
    {
        if (!symbolVersion.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = symbolVersion[Prefix.Length..].Split('.');
        if (parts.Length is < 2 or > 3 || !parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            return null;
        }

        return Version.Parse(string.Join('.', parts));
    }
}
