using Orchestrator.Contracts.Jobs;

namespace Orchestrator.Functions.Publish.Releases;

/// <summary>Keys of the Publish stage's own records, beside <see cref="ObjectKeys"/>' release keys.</summary>
public static class SiteKeys
{
    /// <summary>Content-addressed copies of every kept release's files: rollbacks are server-side copies from here.</summary>
    public static string BlobsPrefix(string site) => $"{ObjectKeys.SiteReleasesPrefix(site)}blobs/";

    public static string Blob(string site, string sha256) => BlobsPrefix(site) + sha256;

    public static string PendingPrefix(string site) => $"{ObjectKeys.SiteReleasesPrefix(site)}pending/";

    public static string Pending(string site, string id) => $"{PendingPrefix(site)}{id}.json";

    /// <summary>The site's publish leases, one key per holder in turn (see <c>SiteLeases</c>).</summary>
    public static string LeasePrefix(string site) => $"{ObjectKeys.SiteReleasesPrefix(site)}lease/";

    /// <summary>Lease <paramref name="number"/>; zero-padded so that key order is number order.</summary>
    public static string Lease(string site, long number) => LeasePrefix(site) + number.ToString("D12", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The object key a release path is served from.</summary>
    public static string SiteFile(string site, string path) => ObjectKeys.SitePrefix(site) + path;
}
