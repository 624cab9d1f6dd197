using System.Net;
using Orchestrator.Contracts.Errors;

namespace Orchestrator.Messaging.Mns;

/// <summary>
/// MNS refused a request: its error <see cref="OrchestratorException.Code"/> (e.g. <c>QueueNotExist</c>,
/// <c>SignatureDoesNotMatch</c>), the HTTP status and MNS's request id, for a support ticket.
/// </summary>
public sealed class MnsException : OrchestratorException
{
    public MnsException(string code, string message, HttpStatusCode statusCode, string? requestId, Exception? innerException = null)
        : base(code, message, IsTransient(statusCode), innerException)
    {
        StatusCode = statusCode;
        RequestId = requestId;
    }

    public HttpStatusCode StatusCode { get; }

    public string? RequestId { get; }

    /// <summary>Server trouble, a timeout or throttling: worth another attempt. Everything else is the caller's.</summary>
    public static bool IsTransient(HttpStatusCode statusCode) =>
        (int)statusCode >= 500 || statusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
}
