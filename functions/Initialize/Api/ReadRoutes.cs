using Orchestrator.Contracts.Messages;
using Orchestrator.Contracts.Status;
using Orchestrator.Storage;
using Orchestrator.Workflow;

namespace Orchestrator.Functions.Initialize.Api;

/// <summary>The GET routes over jobs: list, document, history, logs. They read OSS and never change a job.</summary>
internal static class ReadRoutes
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public static async Task<IResult> ListAsync(HttpContext http, StatusApiOptions options)
    {
        var query = http.Request.Query;
        var site = query["site"].ToString() is { Length: > 0 } s ? RouteValues.Site(s) : null;
        var state = RouteValues.State(query["state"].ToString());
        var limit = RouteValues.Positive(query["limit"].ToString(), "limit", DefaultLimit, MaxLimit);
        var cursor = query["cursor"].ToString() is { Length: > 0 } c ? c : null;
        var list = await Index(http, options).ListAsync(site, state, limit, cursor, http.RequestAborted);
        return Results.Json(list, StatusJsonContext.Default.JobList);
    }

    public static async Task<IResult> GetAsync(string jobId, HttpContext http, StatusApiOptions options)
    {
        var id = RouteValues.JobId(jobId);
        // The list shows a job from its index entry, written before its head: a job without a head yet is read from
        // its journal through the coordinator (a read, nothing changes), so a listed job is never a 404.
        var job = await Reader(http, options).TryGetAsync(id, http.RequestAborted)
            ?? await http.RequestServices.GetRequiredService<ICoordinator>().HandleAsync(new JobStatusRequested("api-status-" + Guid.NewGuid().ToString("N"), id), http.RequestAborted)
            ?? throw ApiProblem.JobNotFound(id);
        return Results.Json(job, StatusJsonContext.Default.JobDocument);
    }

    public static async Task<IResult> HistoryAsync(string jobId, HttpContext http, StatusApiOptions options)
    {
        var history = await Reader(http, options).GetHistoryAsync(RouteValues.JobId(jobId), http.RequestAborted);
        return Results.Json(history, StatusJsonContext.Default.JobHistory);
    }

    public static async Task<IResult> LogAsync(string jobId, string stage, HttpContext http, StatusApiOptions options)
    {
        var id = RouteValues.JobId(jobId);
        var stageName = RouteValues.Stage(stage);
        var attempt = http.Request.Query["attempt"].ToString() is { Length: > 0 } a
            ? RouteValues.Positive(a, "attempt", 1, 1000)
            : (int?)null;
        await using var log = await Reader(http, options).OpenLogAsync(id, stageName, attempt, http.RequestAborted);
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "text/plain; charset=utf-8";
        http.Response.ContentLength = log.Metadata.ContentLength;
        // A running build rewrites its log: never let a cache pin an old copy.
        http.Response.Headers.CacheControl = "no-cache";
        await log.Content.CopyToAsync(http.Response.Body, http.RequestAborted);
        return Results.Empty;
    }

    private static JobReader Reader(HttpContext http, StatusApiOptions options) =>
        new(http.RequestServices.GetRequiredService<IObjectStore>(), options.Bucket);

    private static JobIndex Index(HttpContext http, StatusApiOptions options) =>
        new(http.RequestServices.GetRequiredService<IObjectStore>(), options.Bucket);
}
