using System.Text.RegularExpressions;

namespace Orchestrator.Contracts.Sites;

/// <summary>
/// A path pattern of the kinds Netlify and Vercel configurations use, reduced to what both mean the same by:
/// literal segments, <c>:name</c> (one segment), and a rest-of-path at the end — <c>*</c> (captured as
/// <c>splat</c>), <c>:name*</c> or <c>(.*)</c>. Anything else (other regular expressions, optional segments) is
/// refused when the settings are read, so a rule never silently matches something other than what its author meant.
/// </summary>
public sealed partial class PathPattern
{
    private const string Splat = "splat";
    private readonly string[] _segments;
    private readonly string? _restName;

    private PathPattern(string text, string[] segments, string? restName)
    {
        Text = text;
        _segments = segments;
        _restName = restName;
    }

    public string Text { get; }

    /// <summary>The pattern, or why it is not one this project serves by.</summary>
    public static PathPattern Parse(string text, out string? problem)
    {
        problem = null;
        if (string.IsNullOrEmpty(text) || text[0] != '/')
        {
            problem = $"the path pattern '{text}' does not start with '/'";
            return new PathPattern(text, [], null);
        }

        var parts = text[1..].Split('/');
        string? rest = null;
        var last = parts[^1];
        if (last is "*" or "(.*)" || RestParameter().Match(last) is { Success: true })
        {
            rest = last is "*" or "(.*)" ? Splat : RestParameter().Match(last).Groups[1].Value;
            parts = parts[..^1];
        }
        else if (last.EndsWith('*') && !last.StartsWith(':'))
        {
            // "/blog*" as Netlify writes it: a rest that starts within the segment is not one we can mean the same by.
            problem = $"the path pattern '{text}' puts '*' inside a segment; use '/folder/*'";
        }

        foreach (var part in parts)
        {
            if (part.Length > 0 && (part[0] == ':' ? !Parameter().IsMatch(part) : part.IndexOfAny(['*', '(', ')', '?', '+', '[', ']', '{', '}']) >= 0))
            {
                problem ??= $"the path pattern '{text}' uses '{part}', which is not supported (literal segments, ':name', and a final '*', ':name*' or '(.*)' are)";
            }
        }

        return new PathPattern(text, parts, rest);
    }

    /// <summary>The pattern's captures when <paramref name="path"/> (starting with '/') matches it, else null.</summary>
    public IReadOnlyDictionary<string, string>? Match(string path)
    {
        var parts = path.Length > 0 && path[0] == '/' ? path[1..].Split('/') : path.Split('/');
        if (_restName is null ? parts.Length != _segments.Length : parts.Length < _segments.Length)
        {
            // "/docs/" (a trailing empty segment) still matches "/docs" written without one.
            return _restName is null && parts.Length == _segments.Length + 1 && parts[^1].Length == 0 ? Match(path.TrimEnd('/')) : null;
        }

        var captures = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < _segments.Length; i++)
        {
            if (_segments[i].StartsWith(':'))
            {
                if (parts[i].Length == 0)
                {
                    return null;
                }

                captures[_segments[i][1..]] = parts[i];
            }
            else if (!string.Equals(_segments[i], parts[i], StringComparison.Ordinal))
            {
                return null;
            }
        }

        if (_restName is not null)
        {
            captures[_restName] = string.Join('/', parts.Skip(_segments.Length));
        }

        return captures;
    }

    /// <summary><paramref name="target"/> with each <c>:name</c> (or <c>:name*</c>) the captures hold replaced by its value.</summary>
    public static string Substitute(string target, IReadOnlyDictionary<string, string> captures) =>
        Placeholder().Replace(target, m => captures.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);

    [GeneratedRegex("^:([A-Za-z_][A-Za-z0-9_]*)(?:\\*|\\(\\.\\*\\))$", RegexOptions.CultureInvariant)]
    private static partial Regex RestParameter();

    [GeneratedRegex("^:[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Parameter();

    [GeneratedRegex(":([A-Za-z_][A-Za-z0-9_]*)\\*?", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
