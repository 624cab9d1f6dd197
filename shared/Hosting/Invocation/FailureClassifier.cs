using Microsoft.AspNetCore.Http;
using Orchestrator.Contracts.Errors;

namespace Orchestrator.Hosting.Invocation;

/// <summary>Turns what a handler threw into FC's failure answer: an HTTP status and an error type.</summary>
internal static class FailureClassifier
{
    public const string TimedOut = "InvocationTimedOut";
    public const string InvalidEvent = "InvalidEvent";
    public const string Unhandled = "UnhandledError";

    public static (int Status, string ErrorType, string Message) Classify(Exception exception, bool budgetExpired, TimeSpan budget) => exception switch
    {
        OperationCanceledException when budgetExpired => (StatusCodes.Status504GatewayTimeout, TimedOut,
            $"The invocation ran past its budget of {budget.TotalSeconds:0} s (the function timeout minus a safety buffer) and was cancelled."),
        OrchestratorException known => (StatusCodes.Status500InternalServerError, known.Code, known.Message),

        // Kestrel's own rejections of the request (body too large, malformed framing) are bad events too.
        BadHttpRequestException bad => (StatusCodes.Status500InternalServerError, InvalidEvent, bad.Message),
        _ => (StatusCodes.Status500InternalServerError, Unhandled, exception.Message),
    };
}
