using Orchestrator.Contracts.Sites;

namespace Orchestrator.Functions.Fetch.Detection;

/// <summary>
/// What a project's settings files ask for; null (or empty) where a file says nothing, so detection or a file of
/// lower precedence decides. Paths are relative and already checked to stay inside the archive.
/// </summary>
public sealed record ProjectSettings
{
    public static readonly ProjectSettings None = new();

    public string? BaseDirectory { get; init; }

    public string? InstallCommand { get; init; }

    public string? BuildCommand { get; init; }

    public string? OutputDirectory { get; init; }

    public string? NodeVersion { get; init; }

    public string? PackageManager { get; init; }

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<RedirectRule>? Redirects { get; init; }

    public IReadOnlyList<HeaderRule>? Headers { get; init; }

    public string? SpaFallback { get; init; }

    public string? IndexDocument { get; init; }

    public string? ErrorDocument { get; init; }

    public bool? CleanUrls { get; init; }

    public bool? TrailingSlash { get; init; }

    /// <summary>The files these settings came from, the winning one first.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>These settings, with <paramref name="lower"/> filling what they leave open; variables merge by name, these winning.</summary>
    public ProjectSettings Over(ProjectSettings lower) => new()
    {
        BaseDirectory = BaseDirectory ?? lower.BaseDirectory,
        InstallCommand = InstallCommand ?? lower.InstallCommand,
        BuildCommand = BuildCommand ?? lower.BuildCommand,
        OutputDirectory = OutputDirectory ?? lower.OutputDirectory,
        NodeVersion = NodeVersion ?? lower.NodeVersion,
        PackageManager = PackageManager ?? lower.PackageManager,
        Environment = lower.Environment.Concat(Environment).GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal),
        Redirects = Redirects ?? lower.Redirects,
        Headers = Headers ?? lower.Headers,
        SpaFallback = SpaFallback ?? lower.SpaFallback,
        IndexDocument = IndexDocument ?? lower.IndexDocument,
        ErrorDocument = ErrorDocument ?? lower.ErrorDocument,
        CleanUrls = CleanUrls ?? lower.CleanUrls,
        TrailingSlash = TrailingSlash ?? lower.TrailingSlash,
        Files = [.. Files, .. lower.Files],
    };

    /// <summary>The site's routing, or null when the settings ask for nothing beyond the defaults.</summary>
    public SiteRouting? ToRouting()
    {
        var routing = new SiteRouting
        {
            IndexDocument = IndexDocument ?? "index.html",
            ErrorDocument = ErrorDocument ?? "404.html",
            SpaFallback = SpaFallback,
            CleanUrls = CleanUrls ?? false,
            TrailingSlash = TrailingSlash,
            Redirects = Redirects ?? [],
            Headers = Headers ?? [],
        };
        return routing.IsDefault ? null : routing;
    }
}
