using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Orchestrator.Contracts.Status;

namespace Orchestrator.Hosting.Endpoints;

/// <summary>
/// Gives every error answer that would leave with no body — routing's 404 for a path no route maps (a stranger's
/// <c>POST /invoke</c> through the HTTP trigger), its 405 for a wrong method — the same
/// <c>{"error":{"code","message"}}</c> shape every other refusal has, so a caller always learns what went wrong.
/// </summary>
internal static class EmptyErrorBodies
{
    public const string RouteNotFoundCode = "RouteNotFound";
    public const string MethodNotAllowedCode = "MethodNotAllowed";

    public static Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var target = $"{http.Request.Method} {http.Request.Path}";
        var error = http.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => new ApiError(RouteNotFoundCode, $"this function has no route for {target}"),
            StatusCodes.Status405MethodNotAllowed => new ApiError(MethodNotAllowedCode, $"{target}: the route exists but not for this method"),
            var status => new ApiError($"Http{status}", $"{target} answered HTTP {status}"),
        };
        return http.Response.WriteAsJsonAsync(new ApiErrorBody(error), StatusJsonContext.Default.ApiErrorBody, contentType: null, http.RequestAborted);
    }
}
