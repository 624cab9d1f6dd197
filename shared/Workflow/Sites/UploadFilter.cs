using System.Text.RegularExpressions;
using Orchestrator.Contracts.Jobs;

namespace Orchestrator.Workflow.Sites;

/// <summary>
/// Which uploads start a job: <c>src/&lt;site&gt;/&lt;name&gt;</c> ending in <c>.zip</c>, <c>.tar.gz</c> or <c>.tgz</c>,
/// directly under the site folder. A site name is a DNS label (lower-case letters, digits, inner hyphens, at most 63),
/// because it becomes part of object keys and of the site's URL.
/// </summary>
public static partial class UploadFilter
{
    private static readonly string[] Extensions = [".zip", ".tar.gz", ".tgz"];

    /// <summary>True when <paramref name="key"/> starts a job; otherwise <paramref name="reason"/> says why not.</summary>
    public static bool TryMatch(string key, out string site, out string reason)
    {
        ArgumentNullException.ThrowIfNull(key);
        site = "";
        if (!key.StartsWith(ObjectKeys.SourcePrefix, StringComparison.Ordinal))
        {
            reason = $"not under {ObjectKeys.SourcePrefix}";
            return false;
        }

        var rest = key[ObjectKeys.SourcePrefix.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || rest.IndexOf('/', slash + 1) >= 0)
        {
            reason = "not of the form src/<site>/<archive>";
            return false;
        }

        var candidate = rest[..slash];
        var name = rest[(slash + 1)..];
        if (!SiteName().IsMatch(candidate))
        {
            reason = $"site name '{candidate}' is not a DNS label (a-z, 0-9, inner '-', at most 63)";
            return false;
        }

        var extension = Extensions.FirstOrDefault(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase));
        if (extension is null || name.Length == extension.Length)
        {
            reason = "not a .zip, .tar.gz or .tgz archive";
            return false;
        }

        site = candidate;
        reason = "";
        return true;
    }

    // \z, not $: "$" also matches before a final newline, which would let "site\n" through.
    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex SiteName();
}
