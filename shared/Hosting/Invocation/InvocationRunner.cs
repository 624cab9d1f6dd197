using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Orchestrator.Hosting.Logging;
using Orchestrator.Hosting.Options;

namespace Orchestrator.Hosting.Invocation;

/// <summary>
/// What /invoke and /initialize share: the context from FC's headers, the <c>FC ... Start/End RequestId</c> lines,
/// a log scope with the request id, the in-flight count, the budget-bound cancellation token, and FC's failure
/// signalling (<c>x-fc-status: 404</c>, a 5xx status and a JSON error body).
/// </summary>
internal sealed class InvocationRunner(
    InvocationContextReader reader,
    InvocationTracker tracker,
    LogSink sink,
    TimeProvider timeProvider,
    FunctionHostOptions options,
    ILogger<InvocationRunner> logger)
{
    public const string StatusHeader = "x-fc-status";

    // FC's synchronous payload limit is 32 MB; Kestrel's default (30 MB) would reject the largest legal event.
    public const long MaxBodyBytes = 32L * 1024 * 1024;

    public async Task RunAsync(HttpContext http, string phase, Func<ReadOnlyMemory<byte>, InvocationContext, CancellationToken, Task<InvocationResult>> work)
    {
        var started = timeProvider.GetTimestamp();
        var budget = options.InvocationBudget;
        var (context, origin) = reader.Read(http.Request.Headers, timeProvider.GetUtcNow() + budget);
        using var inFlight = tracker.Enter();
        using var scope = logger.BeginScope(new Dictionary<string, object?> { ["RequestId"] = context.RequestId });
        using var deadline = new CancellationTokenSource(budget, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, http.RequestAborted);
        sink.WriteLine($"FC {phase} Start RequestId: {context.RequestId}");
        logger.InvocationStarted(context.RequestId, context.FunctionName, origin, context.Credentials);
        try
        {
            var body = await ReadBodyAsync(http.Request, linked.Token);
            var result = await work(body, context, linked.Token);
            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.ContentType = result.ContentType;
            await http.Response.Body.WriteAsync(result.Body, linked.Token);
            logger.InvocationSucceeded(context.RequestId, ElapsedMs(started));
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested && !deadline.IsCancellationRequested)
        {
            logger.InvocationAbandoned(context.RequestId);
        }
        catch (Exception exception)
        {
            var (status, errorType, message) = FailureClassifier.Classify(exception, deadline.IsCancellationRequested, budget);
            logger.InvocationFailed(context.RequestId, ElapsedMs(started), errorType, message, exception);
            await WriteFailureAsync(http.Response, status, new InvocationFailure(errorType, message, context.RequestId));
        }
        finally
        {
            sink.WriteLine($"FC {phase} End RequestId: {context.RequestId}");
        }
    }

    private static async Task WriteFailureAsync(HttpResponse response, int status, InvocationFailure failure)
    {
        if (response.HasStarted)
        {
            // Part of a success was already sent; all that is left is to cut the answer short.
            response.HttpContext.Abort();
            return;
        }

        response.Clear();
        response.StatusCode = status;
        response.Headers[StatusHeader] = "404";
        response.ContentType = "application/json";

        // The failure is written without the invocation's token: it must reach FC even after a time-out.
        await JsonSerializer.SerializeAsync(response.Body, failure, HostingJsonContext.Default.InvocationFailure, CancellationToken.None);
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream(request.ContentLength is > 0 and < MaxBodyBytes ? (int)request.ContentLength.Value : 0);
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private long ElapsedMs(long started) => (long)timeProvider.GetElapsedTime(started).TotalMilliseconds;
}
