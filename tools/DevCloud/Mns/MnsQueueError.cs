using System.Net;
using Orchestrator.Contracts.Errors;

namespace Orchestrator.Tools.DevCloud.Mns;

/// <summary>An MNS error the local service answers: code, HTTP status and message, as MNS documents them.</summary>
public sealed class MnsQueueError(string code, HttpStatusCode status, string message)
    : OrchestratorException(code, message, retryable: (int)status >= 500)
{
    public HttpStatusCode Status { get; } = status;
}
