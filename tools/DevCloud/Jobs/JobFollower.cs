using System.Net;
using System.Text.Json.Nodes;

namespace Orchestrator.Tools.DevCloud.Jobs;

/// <summary>
/// Follows a job through the status API (CONTRACT §3) to its end. The job id follows from the upload
/// (<c>JobIds.FromSource</c>); until the coordinator has recorded the job, the API answers 404 and polling goes on.
/// </summary>
public sealed class JobFollower(HttpClient api, TimeSpan pollInterval)
{
    private static readonly HashSet<string> Terminal = new(StringComparer.Ordinal) { "Succeeded", "Failed", "Cancelled" };

    public static bool IsTerminal(JsonObject job) => Terminal.Contains(job["state"]?.ToString() ?? string.Empty);

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
