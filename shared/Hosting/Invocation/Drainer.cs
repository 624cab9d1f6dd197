using Microsoft.Extensions.Logging;
using Orchestrator.Hosting.Logging;
using Orchestrator.Hosting.Options;

namespace Orchestrator.Hosting.Invocation;

/// <summary>Waits (bounded) for in-flight invocations, then flushes the logs: for /pre-stop and for SIGTERM.</summary>
internal sealed class Drainer(InvocationTracker tracker, LogSink sink, FunctionHostOptions options, ILogger<Drainer> logger)
{
    public async Task<StopReport> DrainAsync(string trigger, CancellationToken cancellationToken)
    {
        logger.DrainStarted(trigger, options.DrainTimeout.TotalSeconds, tracker.InFlight);
        var drained = await tracker.DrainAsync(options.DrainTimeout, cancellationToken);
        var report = new StopReport(drained, tracker.InFlight);
        logger.DrainFinished(trigger, report.Drained, report.InFlight);
        sink.Flush();
        return report;
    }
}
