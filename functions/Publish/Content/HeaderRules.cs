using Orchestrator.Contracts.Sites;
using Orchestrator.Functions.Publish.Releases;

namespace Orchestrator.Functions.Publish.Content;

/// <summary>
/// Applies the project's header rules to a file as object headers, where OSS can hold them: Cache-Control,
/// Content-Type and <c>x-oss-meta-*</c>. Every other header (X-Frame-Options, Content-Security-Policy, …) OSS cannot
/// store on an object: it stays in the release's routing, which the dev cloud serves and a CDN rule serves in the cloud.
/// </summary>
public static class HeaderRules
{
    private const string MetaPrefix = "x-oss-meta-";

    /// <summary>The headers every matching rule gives <paramref name="path"/> (a release path, no leading '/'); later rules win.</summary>
    public static IReadOnlyDictionary<string, string> For(string path, SiteRouting? routing)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var rule in routing?.Headers ?? [])
        {
            var pattern = PathPattern.Parse(rule.For, out _);
            if (Paths(path, routing!).Any(p => pattern.Match(p) is not null))
            {
                foreach (var (name, value) in rule.Values)
                {
                    headers[name] = value;
                }
            }
        }

        return headers;
    }

    /// <summary><paramref name="file"/> with the object headers the rules set for <paramref name="path"/>.</summary>
    public static ReleaseFile Apply(string path, ReleaseFile file, SiteRouting? routing)
    {
        var headers = For(path, routing);
        if (headers.Count == 0)
        {
            return file;
        }

        var meta = headers
            .Where(h => h.Key.StartsWith(MetaPrefix, StringComparison.OrdinalIgnoreCase) && h.Key.Length > MetaPrefix.Length)
            .ToDictionary(h => h.Key[MetaPrefix.Length..].ToLowerInvariant(), h => h.Value, StringComparer.Ordinal);
        return file with
        {
            CacheControl = headers.GetValueOrDefault("Cache-Control") ?? file.CacheControl,
            ContentType = headers.GetValueOrDefault("Content-Type") ?? file.ContentType,
            Meta = meta.Count == 0 ? file.Meta : meta,
        };
    }

    // A folder's index document is asked for by the folder's path too ("/docs/" for "docs/index.html").
    private static IEnumerable<string> Paths(string path, SiteRouting routing)
    {
        yield return "/" + path;
        if (path == routing.IndexDocument || path.EndsWith("/" + routing.IndexDocument, StringComparison.Ordinal))
        {
            yield return "/" + path[..^routing.IndexDocument.Length];
        }
    }
}
