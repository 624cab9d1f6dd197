using System.Text.RegularExpressions;

namespace Orchestrator.Tools.DevCloud.Chaos;

/// <summary>
/// Whether a site's live content is what it must be: the newest successfully published upload of the site (the
/// Succeeded job with the highest site sequence, the order the coordinator gave its uploads), with every asset its
/// html references present. A site none of whose jobs succeeded must serve nothing.
/// </summary>
public static partial class SiteCheck
{
    /// <summary>The marker of the upload that must be live, or null when no job of the site succeeded.</summary>
    public static string? ExpectedMarker(IEnumerable<SiteJob> jobs) =>
        jobs.Where(j => j.State == "Succeeded").MaxBy(j => j.SiteSequence)?.Marker;

    public static bool IsMismatched(LiveSite live, string? expectedMarker)
    {
        ArgumentNullException.ThrowIfNull(live);
        if (expectedMarker is null)
        {
            return live.Html is not null;
        }

        return live.Html is null || ChaosArchive.MarkerOf(live.Html) != expectedMarker || live.MissingAssets.Count > 0;
    }

    /// <summary>The site-relative paths of the scripts and stylesheets a page references.</summary>
    public static IReadOnlyList<string> AssetsOf(string html) =>
        AssetReference().Matches(html)
            .Select(m => m.Groups[1].Value)
            .Where(path => !path.Contains(':', StringComparison.Ordinal) && !path.StartsWith('/') && !path.StartsWith('#'))
            .Select(path => path.StartsWith("./", StringComparison.Ordinal) ? path[2..] : path)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    [GeneratedRegex("(?:src|href)=\"([^\"]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex AssetReference();
}
