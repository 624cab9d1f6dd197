using Orchestrator.Contracts.Security;

namespace Orchestrator.Hosting;

/// <summary>
/// What FC tells a function about one invocation, from its <c>x-fc-*</c> headers; credentials from the headers
/// when present, else from the <c>ALIBABA_CLOUD_*</c> environment variables.
/// </summary>
public sealed record InvocationContext(
    string RequestId,
    string FunctionName,
    string Region,
    string AccountId,
    string? Qualifier,
    int? MemoryMb,
    CloudCredentials? Credentials,
    DateTimeOffset Deadline);
