using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Orchestrator.Hosting.Credentials;

namespace Orchestrator.Hosting.Endpoints;

/// <summary>
/// Makes each request's credentials (headers, else environment) what <see cref="ICloudCredentialsSource"/> returns
/// for the rest of that request, lifecycle routes and the function's own routes alike.
/// </summary>
internal static class CredentialsMiddleware
{
    // Async on purpose: an async method restores the caller's execution context when it returns, so the value
    // set here stays inside this request instead of lingering on the connection for the next one.
    public static Func<HttpContext, RequestDelegate, Task> Create(IConfiguration configuration) => async (http, next) =>
    {
        AmbientCloudCredentials.SetForCurrentRequest(CredentialsResolver.Resolve(http.Request.Headers, configuration).Credentials);
        await next(http);
    };
}
