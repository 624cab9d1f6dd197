using System.Globalization;
using System.Text.RegularExpressions;

namespace Orchestrator.Functions.Fetch.Detection;

/// <summary>The Node.js major a semver range asks for: its first number (">=18 &lt;21" → 18, "^20.11" → 20, "lts" → none).</summary>
internal static partial class NodeMajor
{
    public static int? FromRange(string? range)
    {
        if (string.IsNullOrWhiteSpace(range))
        {
            return null;
        }

        var match = FirstNumber().Match(range);
        return match.Success && int.TryParse(match.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var major) && major is > 0 and < 1000
            ? major
            : null;
    }

    [GeneratedRegex("[0-9]+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex FirstNumber();
}
