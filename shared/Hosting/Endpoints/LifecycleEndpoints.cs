using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestrator.Hosting.Invocation;
using Orchestrator.Hosting.Logging;

namespace Orchestrator.Hosting.Endpoints;

/// <summary>
/// FC's custom-runtime calls: event invocation, initializer, pre-stop, pre-freeze. They are not URL routes:
/// <see cref="ControlPathRouter"/> reaches them by FC's <c>x-fc-control-path</c> header alone, so no HTTP-trigger
/// request reaches them whatever its path.
/// </summary>
internal static class LifecycleEndpoints
{
    public static Task InvokeAsync(HttpContext http) =>
        Runner(http).RunAsync(http, "Invoke", (body, context, cancellationToken) =>
            http.RequestServices.GetRequiredService<IInvocationHandler>().InvokeAsync(body, context, cancellationToken));

    public static Task InitializeAsync(HttpContext http)
    {
        var services = http.RequestServices;
        var timeProvider = services.GetRequiredService<TimeProvider>();
        return Runner(http).RunAsync(http, "Initialize", async (_, context, cancellationToken) =>
        {
            var started = timeProvider.GetTimestamp();
            var initializers = services.GetServices<IFunctionInitializer>().ToList();
            foreach (var initializer in initializers)
            {
                await initializer.InitializeAsync(context, cancellationToken);
            }

            Logger(http).InitializeSucceeded(context.RequestId, initializers.Count, (long)timeProvider.GetElapsedTime(started).TotalMilliseconds);
            return InvocationResult.Empty;
        });
    }

    public static async Task PreStopAsync(HttpContext http)
    {
        var report = await http.RequestServices.GetRequiredService<Drainer>().DrainAsync("pre-stop", http.RequestAborted);
        http.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(http.Response.Body, report, HostingJsonContext.Default.StopReport, http.RequestAborted);
    }

    public static Task PreFreezeAsync(HttpContext http)
    {
        Logger(http).PreFreeze(http.Request.Headers[InvocationContextReader.RequestIdHeader].ToString());
        http.RequestServices.GetRequiredService<LogSink>().Flush();
        http.Response.StatusCode = StatusCodes.Status200OK;
        return Task.CompletedTask;
    }

    private static InvocationRunner Runner(HttpContext http) => http.RequestServices.GetRequiredService<InvocationRunner>();

    private static ILogger<InvocationRunner> Logger(HttpContext http) => http.RequestServices.GetRequiredService<ILogger<InvocationRunner>>();
}
