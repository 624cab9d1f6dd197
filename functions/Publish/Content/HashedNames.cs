namespace Orchestrator.Functions.Publish.Content;

/// <summary>
/// Recognises file names that carry their content's hash, so they may be cached for good. When unsure the answer is
/// "not hashed": a wrong "immutable" pins stale content in browsers for a year, a wrong "no-cache" only costs a
/// revalidation.
/// </summary>
public static class HashedNames
{
    private static readonly char[] Separators = ['.', '-', '_', '~'];

    /// <summary>
    /// True when the name holds a hash in either form bundlers write: a hex or alphanumeric segment of at least
    /// <paramref name="minLength"/> characters with both digits and letters (webpack's <c>main.8e2f0a1c.js</c>), or a
    /// base64url suffix of exactly <paramref name="minLength"/> characters after <c>-</c> or <c>.</c> that does not
    /// read as a word (Rollup's and so Vite's and Astro's <c>index-CsUDhMuy.css</c>, <c>index-wez_X351.js</c>).
    /// </summary>
    public static bool IsContentHashed(string path, int minLength)
    {
        var stem = Stem(path);
        return stem is not null && (HasAlphanumericHash(stem, minLength) || HasBase64UrlSuffix(stem, minLength, mustLookRandom: true));
    }

    /// <summary>
    /// True when the name ends in a base64url suffix of at least <paramref name="minLength"/> characters, whether or
    /// not it reads like a word: for files the build itself declares hashed (Vite's manifest), where only the shape
    /// needs confirming.
    /// </summary>
    public static bool HasHashSuffix(string path, int minLength)
    {
        var stem = Stem(path);
        return stem is not null && (HasAlphanumericHash(stem, minLength) || HasBase64UrlSuffix(stem, minLength, mustLookRandom: false));
    }

    private static string? Stem(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        var dot = name.LastIndexOf('.');
        return dot <= 0 ? null : name[..dot];
    }

    // Plain words ("bootstrap") and dates ("20240101") hold only letters or only digits, so they do not count.
    private static bool HasAlphanumericHash(string stem, int minLength) =>
        stem.Split(Separators, StringSplitOptions.RemoveEmptyEntries).Any(segment =>
            segment.Length >= minLength
            && segment.All(char.IsAsciiLetterOrDigit)
            && segment.Any(char.IsAsciiDigit)
            && segment.Any(char.IsAsciiLetter));

    // Rollup's hash alphabet includes '-' and '_', so the suffix is taken by length, not split at separators. A name
    // that only looks like one is held to the length bundlers write (Rollup's and Vite's default, eight); a longer
    // run such as "component-Button" is a name.
    private static bool HasBase64UrlSuffix(string stem, int minLength, bool mustLookRandom)
    {
        var longest = mustLookRandom ? minLength : stem.Length - 2;
        for (var length = minLength; length <= longest && length <= stem.Length - 2; length++)
        {
            var suffix = stem[^length..];
            if (stem[^(length + 1)] is '-' or '.' && suffix.All(IsBase64Url) && (!mustLookRandom || LooksRandom(suffix)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsBase64Url(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';

    // A date or a number ("20240101") holds no letter; a word in any case style ("Headline", "HTMLView", "useState",
    // "my_utils") holds no digit, switches from lower to upper case at most once and has vowels. Eight random
    // base64url characters almost always hold a digit, switch more often, mix '-'/'_' with capitals, or mix cases
    // with at most one vowel (Vite's "hero-CLDdwZDr.png"): about 3 % of real hashes fail all of these and are only
    // revalidated, which is safe.
    private static bool LooksRandom(string suffix)
    {
        if (!suffix.Any(char.IsAsciiLetter))
        {
            return false;
        }

        if (suffix.Any(char.IsAsciiDigit) || (suffix.Any(c => c is '-' or '_') && suffix.Any(char.IsAsciiLetterUpper)))
        {
            return true;
        }

        var lowerToUpper = 0;
        for (var i = 1; i < suffix.Length; i++)
        {
            if (char.IsAsciiLetterLower(suffix[i - 1]) && char.IsAsciiLetterUpper(suffix[i]))
            {
                lowerToUpper++;
            }
        }

        var mixedCase = suffix.Any(char.IsAsciiLetterLower) && suffix.Skip(1).Any(char.IsAsciiLetterUpper);
        return lowerToUpper >= 2 || (mixedCase && suffix.Count(c => "aeiouAEIOU".Contains(c, StringComparison.Ordinal)) <= 1);
    }
}
