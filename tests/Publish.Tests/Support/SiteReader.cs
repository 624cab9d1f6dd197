using System.Text.RegularExpressions;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Storage;

namespace Orchestrator.Functions.Publish.Tests.Support;

/// <summary>
/// A visitor of a published site, reading straight from the store: fetches html pages, follows their local
/// <c>src</c>/<c>href</c> references, and reports every one that points to a missing object.
/// </summary>
public sealed partial class SiteReader(IObjectStore store, string bucket, string site)
{
    public int PagesRead { get; private set; }

    public int ReferencesChecked { get; private set; }

    /// <summary>Reads <paramref name="pages"/> once; returns "page -> missing asset" for each broken reference.</summary>
    public async Task<IReadOnlyList<string>> FindBrokenReferencesAsync(IReadOnlyList<string> pages, CancellationToken cancellationToken)
    {
        var broken = new List<string>();
        foreach (var page in pages)
        {
            string html;
            try
            {
                await using var content = await store.GetAsync(bucket, ObjectKeys.SitePrefix(site) + page, null, cancellationToken);
                using var reader = new StreamReader(content.Content);
                html = await reader.ReadToEndAsync(cancellationToken);
            }
            catch (ObjectNotFoundException)
            {
                broken.Add($"{page} is missing");
                continue;
            }

            PagesRead++;
            foreach (Match match in LocalReference().Matches(html))
            {
                var asset = match.Groups["path"].Value;
                ReferencesChecked++;
                if (await store.HeadAsync(bucket, ObjectKeys.SitePrefix(site) + asset, cancellationToken) is null)
                {
                    broken.Add($"{page} -> {asset}");
                }
            }
        }

        return broken;
    }

    [GeneratedRegex("(?:src|href)=\"/(?<path>[^\"#?]+)\"")]
    private static partial Regex LocalReference();
}
