using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Status;

namespace Orchestrator.Cli.Api;

/// <summary>
/// Typed client of the status HTTP API (CONTRACT.md §3). Every refusal comes back as a
/// <see cref="StatusApiException"/> carrying the API's error code; an unreachable API as code <c>ApiUnreachable</c>.
/// </summary>
public sealed class StatusApiClient
{
    private readonly HttpClient _http;

    /// <param name="http">A client whose <see cref="HttpClient.BaseAddress"/> is the API's root.</param>
    /// <param name="token">Bearer token for ops routes (and read routes when the API has a read token).</param>
    public StatusApiClient(HttpClient http, string? token)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
        if (!string.IsNullOrWhiteSpace(token))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Trim());
        }
    }

    public Task<JobList> ListJobsAsync(string? site, string? state, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var query = new List<string>();
        Add(query, "site", site);
        Add(query, "state", state);
        Add(query, "limit", limit?.ToString(CultureInfo.InvariantCulture));
        Add(query, "cursor", cursor);
        var path = query.Count == 0 ? "jobs" : "jobs?" + string.Join('&', query);
        return SendAsync(HttpMethod.Get, path, null, StatusJsonContext.Default.JobList, cancellationToken);
    }

    public Task<JobDocument> GetJobAsync(string jobId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, JobPath(jobId), null, StatusJsonContext.Default.JobDocument, cancellationToken);

    public Task<JobHistory> GetHistoryAsync(string jobId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, JobPath(jobId) + "/history", null, StatusJsonContext.Default.JobHistory, cancellationToken);

    /// <summary>Copies the stage's log (the latest attempt unless <paramref name="attempt"/> is given) to <paramref name="destination"/>.</summary>
    public async Task CopyLogAsync(string jobId, string stage, int? attempt, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var path = JobPath(jobId) + "/logs/" + Uri.EscapeDataString(stage)
            + (attempt is { } n ? "?attempt=" + n.ToString(CultureInfo.InvariantCulture) : "");
        using var response = await ExchangeAsync(HttpMethod.Get, path, null, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await body.CopyToAsync(destination, cancellationToken);
    }

    public Task<JobDocument> RetryAsync(string jobId, string? stage, CancellationToken cancellationToken) =>
        SendAsync(
            HttpMethod.Post,
            JobPath(jobId) + "/retry",
            stage is null ? null : JsonSerializer.Serialize(new RetryRequest(stage), StatusJsonContext.Default.RetryRequest),
            StatusJsonContext.Default.JobDocument,
            cancellationToken);

    public Task<JobDocument> CancelAsync(string jobId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, JobPath(jobId) + "/cancel", null, StatusJsonContext.Default.JobDocument, cancellationToken);

    public Task<RollbackAccepted> RollbackAsync(string site, string? toJobId, CancellationToken cancellationToken) =>
        SendAsync(
            HttpMethod.Post,
            "sites/" + Uri.EscapeDataString(site) + "/rollback",
            toJobId is null ? null : JsonSerializer.Serialize(new RollbackRequest(toJobId), StatusJsonContext.Default.RollbackRequest),
            StatusJsonContext.Default.RollbackAccepted,
            cancellationToken);

    public Task<DeadLetterList> ListDeadLettersAsync(CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, "dead-letters", null, StatusJsonContext.Default.DeadLetterList, cancellationToken);

    public Task<DeadLetterReplay> ReplayDeadLetterAsync(string id, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "dead-letters/" + Uri.EscapeDataString(id) + "/replay", null, StatusJsonContext.Default.DeadLetterReplay, cancellationToken);

    /// <summary>One bounded round of replaying every dead letter; <see cref="DeadLetterReplay.More"/> asks for another.</summary>
    public Task<DeadLetterReplay> ReplayAllDeadLettersAsync(CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "dead-letters/replay", null, StatusJsonContext.Default.DeadLetterReplay, cancellationToken);

    private static string JobPath(string jobId) => "jobs/" + Uri.EscapeDataString(jobId);

    private static void Add(List<string> query, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            query.Add(name + "=" + Uri.EscapeDataString(value));
        }
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, string? json, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        using var response = await ExchangeAsync(method, path, json, cancellationToken);
        try
        {
            return await response.Content.ReadFromJsonAsync(typeInfo, cancellationToken)
                ?? throw new JsonException("empty answer");
        }
        catch (JsonException exception)
        {
            throw new StatusApiException((int)response.StatusCode, "InvalidAnswer", $"the status API at {_http.BaseAddress} gave an answer this CLI cannot read ({exception.Message})", exception);
        }
    }

    private async Task<HttpResponseMessage> ExchangeAsync(HttpMethod method, string path, string? json, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new StatusApiException(0, "ApiUnreachable", $"cannot reach the status API at {_http.BaseAddress}: {exception.Message}", exception);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StatusApiException(0, "ApiTimeout", $"the status API at {_http.BaseAddress} did not answer in time", exception);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ToExceptionAsync(response, cancellationToken);
        }
    }

    private static async Task<StatusApiException> ToExceptionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            var body = JsonSerializer.Deserialize(text, StatusJsonContext.Default.ApiErrorBody);
            if (body?.Error is { } error)
            {
                return new StatusApiException(status, error.Code, error.Message);
            }
        }
        catch (JsonException)
        {
            // Not the API's error shape (a proxy, a gateway): report the status line below.
        }

        return new StatusApiException(status, "Http" + status.ToString(CultureInfo.InvariantCulture), $"the status API answered {status} {response.ReasonPhrase}");
    }
}
