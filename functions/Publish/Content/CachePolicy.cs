using Orchestrator.Functions.Publish.Options;

namespace Orchestrator.Functions.Publish.Content;

/// <summary>
/// Decides Cache-Control. A name carrying its content hash (<c>app.3f9a1c2b.js</c>, <c>index-4b1e9c7a2d.css</c>) can be
/// cached forever, since new content gets a new name; everything else must be revalidated. When unsure it says
/// "not hashed": a wrong "immutable" would pin stale content in browsers for a year, a wrong "no-cache" only
/// costs a revalidation.
/// </summary>
public sealed class CachePolicy(PublishOptions options)
{
    private static readonly char[] Separators = ['.', '-', '_', '~'];

    /// <summary>The Cache-Control header for <paramref name="path"/>.</summary>
    public string For(string path) =>
        !ContentTypes.IsHtml(path) && IsContentHashed(path, options.MinHashLength)
            ? options.HashedCacheControl
            : options.UnhashedCacheControl;

    /// <summary>
    /// True when a segment of the file name before its extension looks like a hash: at least
    /// <paramref name="minLength"/> characters of 0-9/a-z/A-Z holding both a digit and a letter (plain words such
    /// as "bootstrap" and dates such as "20240101" do not count).
    /// </summary>
    public static bool IsContentHashed(string path, int minLength)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        var dot = name.LastIndexOf('.');
        if (dot <= 0)
        {
            return false;
        }

        foreach (var segment in name[..dot].Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment.Length >= minLength
                && segment.All(char.IsAsciiLetterOrDigit)
                && segment.Any(char.IsAsciiDigit)
                && segment.Any(char.IsAsciiLetter))
            {
                return true;
            }
        }

        return false;
    }
}
