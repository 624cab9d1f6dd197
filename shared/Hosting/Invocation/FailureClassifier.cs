using Microsoft.AspNetCore.Http;
using Orchestrator.Contracts.Errors;

namespace Orchestrator.Hosting.Invocation;

/// <summary>
/// Turns what a handler threw into FC's failure answer: an HTTP status, an error type and a message. Only the project's
/// own exceptions (<see cref="OrchestratorException"/>: a code and a message written for people) speak for themselves.
/// </summary>
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

        // Anything else is a fault, not a refusal: its text (a library's internals, paths) stays in the log, which
        // has the whole exception under the request id the answer carries.
        _ => (StatusCodes.Status500InternalServerError, Unhandled, UnhandledMessage),
    };

    /// <summary>What an unexpected failure answers: never the exception's own text.</summary>
    public const string UnhandledMessage = "The function failed unexpectedly; its log has the details under this request id.";
}
