using Orchestrator.Contracts.Sites;

namespace Orchestrator.Tools.OssServer.Sites;

/// <summary>
/// Decides how a site answers a path from its routing, in the order Netlify and Vercel apply theirs: trailing-slash
/// and clean-URL redirects, forced rules, the files themselves (a folder serves its index document), the other
/// rules, the SPA fallback for a path that looks like a route, and last the error document with 404. Pure: the
/// caller says which files exist.
/// </summary>
internal static class SiteRouter
{
    public static SiteAnswer Route(string path, string query, SiteRouting routing, Func<string, bool> exists)
    {
        if (path.Length == 0 || path[0] != '/' || path.Split('/').Any(s => s is ".." or "."))
        {
            return new SiteAnswer(404, null, null);
        }

        if (Canonical(path, routing) is { } canonical)
        {
            return new SiteAnswer(308, null, canonical + query);
        }

        return Rule(path, query, routing, exists, forced: true)
            ?? Serve(path, routing, exists, 200)
            ?? Rule(path, query, routing, exists, forced: false)
            ?? Fallback(path, routing, exists)
            ?? (exists(routing.ErrorDocument) ? new SiteAnswer(404, routing.ErrorDocument, null) : new SiteAnswer(404, null, null));
    }

    // "/about.html" → "/about" with clean URLs; "/a" ↔ "/a/" as the trailing-slash policy asks (files keep their names).
    private static string? Canonical(string path, SiteRouting routing)
    {
        if (routing.CleanUrls && path.EndsWith(".html", StringComparison.Ordinal))
        {
            var clean = path[..^".html".Length];
            return clean.EndsWith("/index", StringComparison.Ordinal) ? clean[..^"index".Length] : clean;
        }

        return routing.TrailingSlash switch
        {
            true when !path.EndsWith('/') && !LooksLikeFile(path) => path + "/",
            false when path.Length > 1 && path.EndsWith('/') => path.TrimEnd('/'),
            _ => null,
        };
    }

    private static SiteAnswer? Rule(string path, string query, SiteRouting routing, Func<string, bool> exists, bool forced)
    {
        foreach (var rule in routing.Redirects.Where(r => r.Force == forced))
        {
            if (PathPattern.Parse(rule.From, out _).Match(path) is not { } captures)
            {
                continue;
            }

            var target = PathPattern.Substitute(rule.To, captures);
            return rule.Status switch
            {
                200 => Serve(target, routing, exists, 200) ?? new SiteAnswer(404, null, null),
                404 => Serve(target, routing, exists, 404) ?? new SiteAnswer(404, null, null),
                _ => new SiteAnswer(rule.Status, null, target.Contains('?', StringComparison.Ordinal) ? target : target + query),
            };
        }

        return null;
    }

    private static SiteAnswer? Serve(string path, SiteRouting routing, Func<string, bool> exists, int status)
    {
        var file = path.TrimStart('/');
        var candidates = file.Length == 0 || file.EndsWith('/')
            ? [file + routing.IndexDocument]
            : routing.CleanUrls ? new[] { file, file + ".html", file + "/" + routing.IndexDocument } : [file, file + "/" + routing.IndexDocument];
        return candidates.FirstOrDefault(exists) is { } found ? new SiteAnswer(status, found, null) : null;
    }

    // A route of a single-page app, never a missing asset: "/assets/gone.js" must stay a 404, not become index.html.
    private static SiteAnswer? Fallback(string path, SiteRouting routing, Func<string, bool> exists) =>
        routing.SpaFallback is { } fallback && !LooksLikeFile(path) ? Serve(fallback, routing, exists, 200) : null;

    private static bool LooksLikeFile(string path) => path[(path.LastIndexOf('/') + 1)..].Contains('.', StringComparison.Ordinal);
}
