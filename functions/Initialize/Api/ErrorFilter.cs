using Orchestrator.Contracts.Errors;

namespace Orchestrator.Functions.Initialize.Api;

/// <summary>
/// Every route's answer to failure: JSON <c>{"error":{"code","message"}}</c>, never a stack trace. Unexpected
/// exceptions are logged with the request id, which the answer quotes.
/// </summary>
internal sealed class ErrorFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        try
        {
            return await next(context);
        }
        catch (ApiProblem problem)
        {
            return problem.ToResult();
        }
        catch (OrchestratorException exception)
        {
            var problem = ErrorMapping.ToProblem(exception);
            Logs.Refused(Logger(http), http.Request.Method, http.Request.Path, problem.StatusCode, problem.Code);
            return problem.ToResult();
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The caller went away: nobody is left to answer.
            return Results.Empty;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            var requestId = http.TraceIdentifier;
            Logs.Unexpected(Logger(http), exception, http.Request.Method, http.Request.Path, requestId);
            return ApiProblem.Result(
                StatusCodes.Status500InternalServerError,
                "InternalError",
                $"the status API failed unexpectedly; the function log has the details (request {requestId})");
        }
    }

    private static ILogger Logger(HttpContext http) =>
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Orchestrator.StatusApi");
}
