using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestrator.Hosting.Invocation;
using Orchestrator.Hosting.Logging;

namespace Orchestrator.Hosting.Endpoints;

/// <summary>FC's custom-runtime lifecycle routes. Every other route is left to the function's own endpoints.</summary>
internal static class LifecycleEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/invoke", InvokeAsync);
        routes.MapPost("/initialize", InitializeAsync);
        routes.MapGet("/pre-stop", PreStopAsync);
        routes.MapGet("/pre-freeze", PreFreeze);
    }

    private static Task InvokeAsync(HttpContext http, InvocationRunner runner) =>
        runner.RunAsync(http, "Invoke", (body, context, cancellationToken) =>
            http.RequestServices.GetRequiredService<IInvocationHandler>().InvokeAsync(body, context, cancellationToken));

    private static Task InitializeAsync(HttpContext http, InvocationRunner runner, ILogger<InvocationRunner> logger, TimeProvider timeProvider) =>
        runner.RunAsync(http, "Initialize", async (_, context, cancellationToken) =>
        {
            var started = timeProvider.GetTimestamp();
            var initializers = http.RequestServices.GetServices<IFunctionInitializer>().ToList();
            foreach (var initializer in initializers)
            {
                await initializer.InitializeAsync(context, cancellationToken);
            }

            logger.InitializeSucceeded(context.RequestId, initializers.Count, (long)timeProvider.GetElapsedTime(started).TotalMilliseconds);
            return InvocationResult.Empty;
        });

    private static async Task PreStopAsync(HttpContext http, Drainer drainer)
    {
        var report = await drainer.DrainAsync("pre-stop", http.RequestAborted);
        http.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(http.Response.Body, report, HostingJsonContext.Default.StopReport, http.RequestAborted);
    }

    private static IResult PreFreeze(HttpContext http, LogSink sink, ILogger<InvocationRunner> logger)
    {
        logger.PreFreeze(http.Request.Headers[InvocationContextReader.RequestIdHeader].ToString());
        sink.Flush();
        return Results.Ok();
    }
}
