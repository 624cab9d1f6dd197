using System.Net;
using System.Text.Json.Nodes;

namespace Orchestrator.Tools.DevCloud.Jobs;

/// <summary>Follows a job through the status API (CONTRACT §3): finds it by its source, then polls it to its end.</summary>
public sealed class JobFollower(HttpClient api, TimeSpan pollInterval)
{
    private static readonly HashSet<string> Terminal = new(StringComparer.Ordinal) { "Succeeded", "Failed", "Cancelled" };

    public static bool IsTerminal(JsonObject job) => Terminal.Contains(job["state"]?.ToString() ?? string.Empty);

    /// <summary>The id of the job the upload (key, ETag) started, once the coordinator has recorded it.</summary>
    public async Task<string> FindJobAsync(string site, string key, string etag, CancellationToken cancellationToken)
    {
        var wanted = etag.Trim('"');
        while (true)
        {
            using var response = await api.GetAsync($"jobs?site={Uri.EscapeDataString(site)}", cancellationToken);
            if (response.IsSuccessStatusCode && JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))?["jobs"] is JsonArray jobs)
            {
                var match = jobs.OfType<JsonObject>().FirstOrDefault(job =>
                    job["source"]?["key"]?.ToString() == key
                    && string.Equals(job["source"]?["etag"]?.ToString().Trim('"'), wanted, StringComparison.OrdinalIgnoreCase));
                if (match?["jobId"]?.ToString() is { } jobId)
                {
                    return jobId;
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
