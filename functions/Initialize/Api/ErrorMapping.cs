using Orchestrator.Contracts.Errors;
using Orchestrator.Messaging.Mns;
using Orchestrator.Storage;

namespace Orchestrator.Functions.Initialize.Api;

/// <summary>
/// Turns the project's exceptions into HTTP statuses: the coordinator's refusals keep their code, storage and queue
/// trouble becomes 503/502 without OSS or MNS internals beyond its code and request id.
/// </summary>
internal static class ErrorMapping
{
    public static ApiProblem ToProblem(OrchestratorException exception) => exception switch
    {
        ObjectStoreException storage => new ApiProblem(
            storage.Retryable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status502BadGateway,
            storage.Code,
            $"the object store refused the call ({storage.OssCode}, request id {storage.RequestId ?? "none"}); try again later"),
        MnsException queue => new ApiProblem(
            queue.Retryable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status502BadGateway,
            queue.Code,
            $"the message queue refused the call ({queue.Code}, request id {queue.RequestId ?? "none"}); try again later"),
        InvalidEventException invalid => ApiProblem.BadRequest(invalid.Code, invalid.Message),
        _ => new ApiProblem(StatusFor(exception), exception.Code, exception.Message),
    };

    private static int StatusFor(OrchestratorException exception) => exception.Code switch
    {
        "JobNotFound" or "SiteNotFound" or "ReleaseNotFound" or "DeadLetterNotFound" => StatusCodes.Status404NotFound,
        "NotRetryable" or "AlreadyTerminal" or "NotReplayable" => StatusCodes.Status409Conflict,
        _ when exception.Code.StartsWith("Invalid", StringComparison.Ordinal) => StatusCodes.Status400BadRequest,
        _ when exception.Retryable => StatusCodes.Status503ServiceUnavailable,
        // A non-retryable refusal from the coordinator is about the job's state, not the request's shape.
        _ => StatusCodes.Status409Conflict,
    };
}
