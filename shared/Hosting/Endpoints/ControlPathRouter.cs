using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestrator.Contracts.Status;

namespace Orchestrator.Hosting.Endpoints;

/// <summary>
/// Routes every request by FC's <c>x-fc-control-path</c> header, never by its URL path: an HTTP-trigger request
/// (<c>/http-invoke</c>) goes on to the function's own routes only — its path is the caller's to choose, so
/// <c>POST /invoke</c> or <c>GET /pre-stop</c> through the trigger reach no event handling and no lifecycle hook —
/// while <c>/invoke</c>, <c>/initialize</c>, <c>/pre-stop</c> and <c>/pre-freeze</c> go to the lifecycle handlers
/// whatever the path. A request without the header (or with another value) did not come from FC, which always sends
/// it, and is refused with 400.
/// </summary>
internal static class ControlPathRouter
{
    public const string MissingCode = "MissingControlPath";
    public const string UnknownCode = "UnknownControlPath";

    public static Func<HttpContext, RequestDelegate, Task> Create() => (http, next) =>
        http.Request.Headers[FcControlPath.Header].ToString() switch
        {
            FcControlPath.HttpInvoke => next(http),
            FcControlPath.Invoke => LifecycleEndpoints.InvokeAsync(http),
            FcControlPath.Initialize => LifecycleEndpoints.InitializeAsync(http),
            FcControlPath.PreStop => LifecycleEndpoints.PreStopAsync(http),
            FcControlPath.PreFreeze => LifecycleEndpoints.PreFreezeAsync(http),
            "" => RefuseAsync(http, MissingCode, $"the request carries no {FcControlPath.Header} header; FC sets it on every call it makes"),
            _ => RefuseAsync(http, UnknownCode, $"the {FcControlPath.Header} header is not one FC sends ({FcControlPath.Invoke}, {FcControlPath.HttpInvoke}, {FcControlPath.Initialize}, {FcControlPath.PreStop}, {FcControlPath.PreFreeze})"),
        };

    private static Task RefuseAsync(HttpContext http, string code, string message)
    {
        var logger = http.RequestServices.GetRequiredService<ILogger<FunctionHostBuilder>>();
        logger.RequestRefused(http.Request.Method, http.Request.Path.ToString(), code);
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        return http.Response.WriteAsJsonAsync(new ApiErrorBody(new ApiError(code, message)), StatusJsonContext.Default.ApiErrorBody, contentType: null, http.RequestAborted);
    }
}
