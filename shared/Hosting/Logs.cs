using Microsoft.Extensions.Logging;
using Orchestrator.Contracts.Security;
using Orchestrator.Hosting.Credentials;

namespace Orchestrator.Hosting;

/// <summary>The host's log lines (event ids 1000-1099). Credentials appear only as their origin and redacted form.</summary>
internal static partial class Logs
{
    [LoggerMessage(1000, LogLevel.Information, "Function host listening on {Address}:{Port} (invocation budget {BudgetSeconds} s)", EventName = "FunctionHostStarted")]
    public static partial void HostStarted(this ILogger logger, string address, int port, double budgetSeconds);

    [LoggerMessage(1001, LogLevel.Information, "Invocation {RequestId} started for {FunctionName}; credentials from {CredentialsOrigin}: {Credentials}", EventName = "InvocationStarted")]
    public static partial void InvocationStarted(this ILogger logger, string requestId, string functionName, CredentialsOrigin credentialsOrigin, CloudCredentials? credentials);

    [LoggerMessage(1002, LogLevel.Information, "Invocation {RequestId} succeeded in {ElapsedMs} ms", EventName = "InvocationSucceeded")]
    public static partial void InvocationSucceeded(this ILogger logger, string requestId, long elapsedMs);

    [LoggerMessage(1003, LogLevel.Error, "Invocation {RequestId} failed in {ElapsedMs} ms: {ErrorType}: {ErrorMessage}", EventName = "InvocationFailed")]
    public static partial void InvocationFailed(this ILogger logger, string requestId, long elapsedMs, string errorType, string errorMessage, Exception exception);

    [LoggerMessage(1004, LogLevel.Information, "Initialization {RequestId} ran {Count} initializer(s) in {ElapsedMs} ms", EventName = "InitializeSucceeded")]
    public static partial void InitializeSucceeded(this ILogger logger, string requestId, int count, long elapsedMs);

    [LoggerMessage(1005, LogLevel.Information, "Stopping ({Trigger}): waiting up to {DrainSeconds} s for {InFlight} invocation(s) in flight", EventName = "DrainStarted")]
    public static partial void DrainStarted(this ILogger logger, string trigger, double drainSeconds, int inFlight);

    [LoggerMessage(1006, LogLevel.Information, "Stopping ({Trigger}): drained = {Drained}, still in flight {InFlight}", EventName = "DrainFinished")]
    public static partial void DrainFinished(this ILogger logger, string trigger, bool drained, int inFlight);

    [LoggerMessage(1007, LogLevel.Information, "Pre-freeze {RequestId}: logs flushed", EventName = "PreFreeze")]
    public static partial void PreFreeze(this ILogger logger, string requestId);

    [LoggerMessage(1008, LogLevel.Warning, "Invocation {RequestId}: the caller went away before the answer", EventName = "InvocationAbandoned")]
    public static partial void InvocationAbandoned(this ILogger logger, string requestId);

    [LoggerMessage(1009, LogLevel.Warning, "Request {Method} {Path} refused ({Code}): FC sends every request with a known x-fc-control-path", EventName = "RequestRefused")]
    public static partial void RequestRefused(this ILogger logger, string method, string path, string code);
}
