using Microsoft.Extensions.Logging;

namespace Orchestrator.Tools.DevCloud;

/// <summary>Every log line of the dev cloud (EventIds 6000–6099).</summary>
internal static partial class Logs
{
    [LoggerMessage(6015, LogLevel.Warning, "{Function}: {Package} is older than {Source}; running the function from source instead (`orchestrator package` refreshes the package)")]
    public static partial void StalePackage(ILogger logger, string function, string package, string source);

    [LoggerMessage(6000, LogLevel.Information, "Building {Function} from {Project}")]
    public static partial void BuildingFunction(ILogger logger, string function, string project);

    [LoggerMessage(6001, LogLevel.Information, "{Function}: starting instance pid {Pid} on port {Port}")]
    public static partial void InstanceStarting(ILogger logger, string function, int pid, int port);

    [LoggerMessage(6002, LogLevel.Information, "{Function}: instance pid {Pid} ready on port {Port}")]
    public static partial void InstanceReady(ILogger logger, string function, int pid, int port);

    [LoggerMessage(6003, LogLevel.Warning, "{Function}: instance pid {Pid} exited ({ExitCode}); restarting")]
    public static partial void InstanceDied(ILogger logger, string function, int pid, int exitCode);

    [LoggerMessage(6004, LogLevel.Warning, "{Function}: instance failed to start: {Reason}")]
    public static partial void InstanceFailedToStart(ILogger logger, string function, string reason);

    [LoggerMessage(6005, LogLevel.Warning, "{Function}: {Path} failed (HTTP {Status})")]
    public static partial void LifecycleFailed(ILogger logger, string function, string path, int status);

    [LoggerMessage(6023, LogLevel.Information, "{Function}: nothing answered {Path}; the instance is already stopping")]
    public static partial void LifecycleUnanswered(ILogger logger, string function, string path);

    [LoggerMessage(6006, LogLevel.Warning, "{Function}: invocation {RequestId} timed out after {Seconds} s")]
    public static partial void InvocationTimedOut(ILogger logger, string function, string requestId, int seconds);

    [LoggerMessage(6010, LogLevel.Warning, "Queue {Queue}: receive failed: {Reason}")]
    public static partial void PumpError(ILogger logger, string queue, string reason);

    [LoggerMessage(6011, LogLevel.Warning, "Queue {Queue} → {Function}: message {MessageId} attempt {Attempt}/{Attempts} failed ({Reason}); redelivery in {Delay} s")]
    public static partial void DeliveryFailed(ILogger logger, string queue, string function, string messageId, int attempt, int attempts, string reason, int delay);

    [LoggerMessage(6012, LogLevel.Error, "Queue {Queue} → {Function}: message {MessageId} dead-lettered to {DeadLetter}: {Reason}")]
    public static partial void DeadLettered(ILogger logger, string queue, string function, string messageId, string deadLetter, string reason);

    [LoggerMessage(6016, LogLevel.Information, "Queue {Queue} → {Function}: received message {MessageId} (delivery {Delivery})")]
    public static partial void Received(ILogger logger, string queue, string function, string messageId, int delivery);

    [LoggerMessage(6017, LogLevel.Information, "Queue {Queue} → {Function}: message {MessageId} delivery {Delivery} done as {RequestId} after {Milliseconds} ms; deleted")]
    public static partial void Delivered(ILogger logger, string queue, string function, string messageId, int delivery, string requestId, long milliseconds);

    [LoggerMessage(6018, LogLevel.Warning, "Queue {Queue} → {Function}: message {MessageId} delivery {Delivery} done as {RequestId} after {Milliseconds} ms, but not deleted: {Reason}")]
    public static partial void NotDeleted(ILogger logger, string queue, string function, string messageId, int delivery, string requestId, long milliseconds, string reason);

    [LoggerMessage(6019, LogLevel.Information, "{Function}: all instances busy; starting instance {Count} of at most {Max}")]
    public static partial void ScaledOut(ILogger logger, string function, int count, int max);

    [LoggerMessage(6020, LogLevel.Information, "{Function}: instance pid {Pid} idle for {Seconds} s; stopping it ({Remaining} left)")]
    public static partial void ScaledIn(ILogger logger, string function, int pid, int seconds, int remaining);

    [LoggerMessage(6021, LogLevel.Warning, "Queue {Queue}: message {MessageId} could not be held any longer ({Reason}); it may be delivered again")]
    public static partial void LeaseLost(ILogger logger, string queue, string messageId, string reason);

    [LoggerMessage(6022, LogLevel.Error, "{Function}: async invocation failed outside the function: {Reason}")]
    public static partial void AsyncInvokerError(ILogger logger, string function, string reason);

    [LoggerMessage(6013, LogLevel.Warning, "{Function}: async invocation {RequestId} attempt {Attempt} failed ({Reason})")]
    public static partial void AsyncAttemptFailed(ILogger logger, string function, string requestId, int attempt, string reason);

    [LoggerMessage(6014, LogLevel.Error, "{Function}: async invocation gave up after {Attempts} attempts; sent to {Destination}")]
    public static partial void AsyncGaveUp(ILogger logger, string function, int attempts, string destination);
}
