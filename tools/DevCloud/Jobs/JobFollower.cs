using System.Net;
using System.Text.Json.Nodes;

namespace Orchestrator.Tools.DevCloud.Jobs;

/// <summary>Follows a job through the status API (CONTRACT §3): finds it by its source, then polls it to its end.</summary>
public sealed class JobFollower(HttpClient api, TimeSpan pollInterval)
{
    private const int Candidates = 10;

    private static readonly HashSet<string> Terminal = new(StringComparer.Ordinal) { "Succeeded", "Failed", "Cancelled" };

    public static bool IsTerminal(JsonObject job) => Terminal.Contains(job["state"]?.ToString() ?? string.Empty);

    /// <summary>The id of the job the upload (key, ETag) started, once the coordinator has recorded it.</summary>
    public async Task<string> FindJobAsync(string site, string key, string etag, CancellationToken cancellationToken)
    {
        var wanted = etag.Trim('"');
        while (true)
        {
            using var response = await api.GetAsync($"jobs?site={Uri.EscapeDataString(site)}&limit={Candidates}", cancellationToken);
            if (response.IsSuccessStatusCode && JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))?["jobs"] is JsonArray jobs)
            {
                // A summary names no source, so the newest jobs' documents are read for the upload's key and ETag
                // (CONTRACT §4 spells it "etag"; the status API answers "eTag": both are accepted).
                foreach (var jobId in jobs.OfType<JsonObject>().Select(j => j["jobId"]?.ToString()).OfType<string>().Take(Candidates))
                {
                    using var document = await api.GetAsync($"jobs/{Uri.EscapeDataString(jobId)}", cancellationToken);
                    var job = document.IsSuccessStatusCode ? JsonNode.Parse(await document.Content.ReadAsStringAsync(cancellationToken)) : null;
                    if (job?["source"]?["key"]?.ToString() == key
                        && string.Equals((job?["source"]?["etag"] ?? job?["source"]?["eTag"])?.ToString().Trim('"'), wanted, StringComparison.OrdinalIgnoreCase))
                    {
                        return jobId;
                    }
                }
            }

            await Task.Delay(pollInterval, cancellationToken);
        }
    }

    /// <summary>Polls the job, reporting every change, until it reaches a terminal state; answers the final document.</summary>
    public async Task<JsonObject> FollowAsync(string jobId, Action<JsonObject> changed, CancellationToken cancellationToken)
    {
        string? last = null;
        while (true)
        {
            using var response = await api.GetAsync($"jobs/{Uri.EscapeDataString(jobId)}", cancellationToken);
            if (response.StatusCode == HttpStatusCode.OK && JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)) is JsonObject job)
            {
                var fingerprint = Fingerprint(job);
                if (fingerprint != last)
                {
                    last = fingerprint;
                    changed(job);
                }

                if (IsTerminal(job))
                {
                    return job;
                }
            }

            await Task.Delay(pollInterval, cancellationToken);
        }
    }

    // What a user sees change: the job state and each stage's state and attempt.
    private static string Fingerprint(JsonObject job) =>
        job["state"] + "|" + string.Join("|", (job["stages"] as JsonArray ?? []).Select(s => $"{s?["name"]}:{s?["state"]}:{s?["attempt"]}"));
}
