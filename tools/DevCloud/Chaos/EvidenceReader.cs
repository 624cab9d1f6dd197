using System.Net;
using System.Text.Json.Nodes;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Storage;

namespace Orchestrator.Tools.DevCloud.Chaos;

/// <summary>
/// Reads what the checks judge straight from OSS (job heads, journals, the job index, live sites), and the status
/// API's answers, never through the system's own readers.
/// </summary>
public sealed class EvidenceReader(IObjectStore oss, string bucket, HttpClient api)
{
    private const int ApiTries = 3;

    /// <summary>The head's <c>x-oss-meta-state</c>, or null while the job has no head.</summary>
    public async Task<string?> StateAsync(string jobId, CancellationToken cancellationToken) =>
        (await oss.HeadAsync(bucket, ObjectKeys.JobHead(jobId), cancellationToken))?.Metadata.GetValueOrDefault("state");

    public async Task<JobEvidence> JobAsync(PlannedUpload upload, string jobId, CancellationToken cancellationToken)
    {
        var head = await ReadJsonAsync(ObjectKeys.JobHead(jobId), cancellationToken);
        var journal = new List<JsonObject>();
        foreach (var key in await KeysAsync(ObjectKeys.JournalPrefix(jobId), cancellationToken))
        {
            if ((await ReadJsonAsync(key, cancellationToken))?.Json is { } entry)
            {
                journal.Add(entry);
            }
        }

        return new JobEvidence(upload, jobId, head?.Json, head?.Metadata, journal, await StatusAsync(jobId, cancellationToken));
    }

    /// <summary>Every job id in the job index (<c>index/jobs/&lt;inverted ticks&gt;-&lt;jobId&gt;</c>).</summary>
    public async Task<IReadOnlySet<string>> IndexedJobsAsync(CancellationToken cancellationToken) =>
        (await KeysAsync(ObjectKeys.JobIndexPrefix, cancellationToken))
            .Select(key => key[(key.LastIndexOf('-') + 1)..])
            .ToHashSet(StringComparer.Ordinal);

    public async Task<LiveSite> SiteAsync(string site, CancellationToken cancellationToken)
    {
        var prefix = ObjectKeys.SitePrefix(site);
        if (await oss.HeadAsync(bucket, prefix + "index.html", cancellationToken) is null)
        {
            return new LiveSite(site, null, []);
        }

        await using var content = await oss.GetAsync(bucket, prefix + "index.html", null, cancellationToken);
        using var reader = new StreamReader(content.Content);
        var html = await reader.ReadToEndAsync(cancellationToken);
        var missing = new List<string>();
        foreach (var asset in SiteCheck.AssetsOf(html))
        {
            if (await oss.HeadAsync(bucket, prefix + asset, cancellationToken) is null)
            {
                missing.Add(asset);
            }
        }

        return new LiveSite(site, html, missing);
    }

    private async Task<JsonObject?> StatusAsync(string jobId, CancellationToken cancellationToken)
    {
        // The instance behind the API may have just been restarted; a few tries tell an outage from an answer.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var response = await api.GetAsync($"jobs/{Uri.EscapeDataString(jobId)}", cancellationToken);
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    return null;
                }

                if (response.IsSuccessStatusCode || attempt == ApiTries)
                {
                    return response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)) as JsonObject : null;
                }
            }
            catch (HttpRequestException) when (attempt < ApiTries)
            {
                // retried below
            }

            await Task.Delay(TimeSpan.FromMilliseconds(300 * attempt), cancellationToken);
        }
    }

    private async Task<(JsonObject Json, IReadOnlyDictionary<string, string> Metadata)?> ReadJsonAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await using var content = await oss.GetAsync(bucket, key, null, cancellationToken);
            return JsonNode.Parse(content.Content) is JsonObject json ? (json, content.Metadata.Metadata) : null;
        }
        catch (ObjectNotFoundException)
        {
            return null;
        }
    }

    private async Task<List<string>> KeysAsync(string prefix, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        var request = new ListRequest { Prefix = prefix };
        while (true)
        {
            var page = await oss.ListAsync(bucket, request, cancellationToken);
            keys.AddRange(page.Objects.Select(o => o.Key));
            if (!page.IsTruncated || page.NextContinuationToken is null)
            {
                return keys;
            }

            request = request with { ContinuationToken = page.NextContinuationToken };
        }
    }
}
