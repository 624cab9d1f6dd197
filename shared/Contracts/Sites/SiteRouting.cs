using System.Text.Json.Serialization;

namespace Orchestrator.Contracts.Sites;

/// <summary>
/// How a site answers requests beyond "serve the object at this path": the project's redirects and rewrites, its SPA
/// fallback, index and error documents, clean URLs, trailing-slash policy and response headers. Fetch reads it from
/// the project's settings, Publish stores it with the release (<c>releases/&lt;site&gt;/routing.json</c> for the live
/// one), and the dev cloud serves by it; in the cloud the same rules become OSS website rules or CDN rules.
/// </summary>
public sealed record SiteRouting
{
    /// <summary>Served for a path naming a folder (default <c>index.html</c>).</summary>
    public string IndexDocument { get; init; } = "index.html";

    /// <summary>Served with status 404 for a path nothing answers (default <c>404.html</c>, when the site has one).</summary>
    public string ErrorDocument { get; init; } = "404.html";

    /// <summary>
    /// The document (e.g. <c>/index.html</c>) served with status 200 for a path that names no file and looks like a
    /// route, not an asset (its last segment has no extension); null for none.
    /// </summary>
    public string? SpaFallback { get; init; }

    /// <summary>Whether <c>/about</c> serves <c>about.html</c> (and <c>/about.html</c> redirects to <c>/about</c>).</summary>
    public bool CleanUrls { get; init; }

    /// <summary>true: <c>/a</c> redirects to <c>/a/</c>; false: <c>/a/</c> redirects to <c>/a</c>; null: both are served.</summary>
    public bool? TrailingSlash { get; init; }

    /// <summary>Redirect and rewrite rules, first match wins.</summary>
    public IReadOnlyList<RedirectRule> Redirects { get; init; } = [];

    /// <summary>Response headers by path pattern; every matching rule applies, later rules winning on a name.</summary>
    public IReadOnlyList<HeaderRule> Headers { get; init; } = [];

    /// <summary>Whether this routing asks for nothing beyond plain object serving with the default documents.</summary>
    [JsonIgnore]
    public bool IsDefault =>
        IndexDocument == "index.html" && ErrorDocument == "404.html" && SpaFallback is null && !CleanUrls && TrailingSlash is null
        && Redirects.Count == 0 && Headers.Count == 0;
}
