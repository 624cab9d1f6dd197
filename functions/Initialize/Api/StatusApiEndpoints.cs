using Orchestrator.Contracts.Status;
using Orchestrator.Workflow.Graph;

namespace Orchestrator.Functions.Initialize.Api;

/// <summary>
/// Wires the status HTTP API of CONTRACT.md §3 (jobs, history, logs, ops commands, dead letters, page, health) into
/// a host. Needs <c>IObjectStore</c> and <c>ICoordinator</c> registered, and <c>ORCHESTRATOR_BUCKET</c> (plus
/// <c>ORCHESTRATOR_OPS_TOKEN</c>, optionally <c>ORCHESTRATOR_READ_TOKEN</c>) in configuration; the dead-letter routes
/// need the <c>DeadLetterQueue</c> (<c>AddDeadLetterQueue</c>, part of <c>AddCoordinatorFunction</c>).
/// </summary>
public static class StatusApiEndpoints
{
    /// <summary>Maps every status route; call once on the function's web application.</summary>
    public static IEndpointRouteBuilder MapStatusApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = StatusApiOptions.FromConfiguration(endpoints.ServiceProvider.GetRequiredService<IConfiguration>());
        if (options.OpsToken is null)
        {
            Logs.OpsDisabled(endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Orchestrator.StatusApi"));
        }

        var api = endpoints.MapGroup("").AddEndpointFilter(new ErrorFilter());

        api.MapGet("/", StatusPage.Serve);
        api.MapGet("/healthz", () => Results.Json(new HealthReport("ok"), StatusJsonContext.Default.HealthReport));

        var read = api.MapGroup("").AddEndpointFilter(new TokenFilter(options, AccessLevel.Read));
        read.MapGet("/jobs", (HttpRequest request) => ReadRoutes.ListAsync(request.HttpContext, options));
        read.MapGet("/jobs/{jobId}", (string jobId, HttpContext http) => ReadRoutes.GetAsync(jobId, http, options));
        read.MapGet("/jobs/{jobId}/history", (string jobId, HttpContext http) => ReadRoutes.HistoryAsync(jobId, http, options));
        read.MapGet("/jobs/{jobId}/logs/{stage}", (string jobId, string stage, HttpContext http) => ReadRoutes.LogAsync(jobId, stage, http, options));
        read.MapGet("/graph", () => Results.Text(JobGraph.Mermaid(), "text/plain; charset=utf-8"));

        var ops = api.MapGroup("").AddEndpointFilter(new TokenFilter(options, AccessLevel.Ops));
        ops.MapPost("/jobs/{jobId}/retry", (string jobId, HttpContext http) => OpsRoutes.RetryAsync(jobId, http));
        ops.MapPost("/jobs/{jobId}/cancel", (string jobId, HttpContext http) => OpsRoutes.CancelAsync(jobId, http));
        ops.MapPost("/sites/{site}/rollback", (string site, HttpContext http) => OpsRoutes.RollbackAsync(site, http));
        ops.MapGet("/dead-letters", (HttpRequest request) => DeadLetterRoutes.ListAsync(request.HttpContext));
        ops.MapPost("/dead-letters/replay", (HttpRequest request) => DeadLetterRoutes.ReplayAllAsync(request.HttpContext));
        ops.MapPost("/dead-letters/{id}/replay", (string id, HttpContext http) => DeadLetterRoutes.ReplayAsync(id, http));
        return endpoints;
    }
}
