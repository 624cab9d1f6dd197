using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Contracts.Status;
using Orchestrator.Workflow;

namespace Orchestrator.Functions.Initialize.Api;

/// <summary>
/// The POST routes: each builds the same ops message the FC console's <c>/invoke</c> command builds and hands it to
/// the coordinator, whose refusals (JobNotFound, NotRetryable, AlreadyTerminal) become 404/409.
/// </summary>
internal static class OpsRoutes
{
    public static async Task<IResult> RetryAsync(string jobId, HttpContext http)
    {
        var id = RouteValues.JobId(jobId);
        var body = await RequestBody.ReadOptionalAsync(http.Request, StatusJsonContext.Default.RetryRequest, http.RequestAborted);
        StageName? stage = body?.Stage is { } name ? RouteValues.Stage(name) : null;
        var message = new RetryJob(NewMessageId(), id, stage);
        return await AcceptedJobAsync(http, message, "retry", id);
    }

    public static async Task<IResult> CancelAsync(string jobId, HttpContext http)
    {
        var id = RouteValues.JobId(jobId);
        var message = new CancelJob(NewMessageId(), id);
        return await AcceptedJobAsync(http, message, "cancel", id);
    }

    public static async Task<IResult> RollbackAsync(string site, HttpContext http)
    {
        var name = RouteValues.Site(site);
        var body = await RequestBody.ReadOptionalAsync(http.Request, StatusJsonContext.Default.RollbackRequest, http.RequestAborted);
        var to = body?.To is { } jobId ? RouteValues.JobId(jobId) : null;
        var message = new RollbackRequested(NewMessageId(), name, to);
        await Coordinator(http).HandleAsync(message, http.RequestAborted);
        Logs.OpsCommandAccepted(Logger(http), "rollback", name, message.MessageId);
        return Results.Json(
            new RollbackAccepted(name, to, message.MessageId),
            StatusJsonContext.Default.RollbackAccepted,
            statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> AcceptedJobAsync(HttpContext http, IJobMessage message, string command, string jobId)
    {
        var job = await Coordinator(http).HandleAsync(message, http.RequestAborted)
            ?? throw ApiProblem.JobNotFound(jobId);
        Logs.OpsCommandAccepted(Logger(http), command, jobId, message.MessageId);
        return Results.Json(job, StatusJsonContext.Default.JobDocument, statusCode: StatusCodes.Status202Accepted);
    }

    // Each HTTP call is a new operator intent, so it gets a new id; redeliveries inside the system keep it.
    private static string NewMessageId() => "ops-" + Guid.NewGuid().ToString("N");

    private static ICoordinator Coordinator(HttpContext http) => http.RequestServices.GetRequiredService<ICoordinator>();

    private static ILogger Logger(HttpContext http) =>
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Orchestrator.StatusApi");
}
