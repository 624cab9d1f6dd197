using System.Globalization;

namespace Orchestrator.Workflow.Journal;

/// <summary>
/// The coordinator's own bookkeeping keys, beside <see cref="Contracts.Jobs.ObjectKeys"/>. Sequences are stored
/// inverted (<c>long.MaxValue − n</c>, 19 digits) so that the first key of a listing is the highest number.
/// </summary>
public static class WorkflowKeys
{
    /// <summary>Jobs that are not terminal: what the sweep's safety net walks, a slice per tick.</summary>
    public const string ActivePrefix = "index/active/";

    public static string Active(string jobId) => ActivePrefix + jobId;

    /// <summary>Where the sweep's walk of the active index stopped (the last active key checked; empty: start over).</summary>
    public const string SweepCursor = "index/sweep-cursor";

    /// <summary>Per-site sequence numbers, allocated create-only.</summary>
    public static string SiteSequencePrefix(string site) => $"index/site-seq/{site}/";

    public static string SiteSequence(string site, long sequence) => SiteSequencePrefix(site) + Inverted(sequence);

    /// <summary>One marker per published job of a site, by its site sequence: the first is the newest published.</summary>
    public static string SitePublishedPrefix(string site) => $"index/site-published/{site}/";

    public static string SitePublished(string site, long sequence, string jobId) => $"{SitePublishedPrefix(site)}{Inverted(sequence)}-{jobId}";

    /// <summary>Reads the sequence back from a key made by <see cref="SiteSequence"/> or <see cref="SitePublished"/>.</summary>
    public static long SequenceOf(string key, string prefix)
    {
        ArgumentNullException.ThrowIfNull(key);
        var digits = key.AsSpan(prefix.Length, 19);
        return long.MaxValue - long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    private static string Inverted(long sequence) => (long.MaxValue - sequence).ToString("D19", CultureInfo.InvariantCulture);
}
