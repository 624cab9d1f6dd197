using Microsoft.Extensions.Hosting;

namespace Orchestrator.Hosting.Invocation;

/// <summary>
/// On SIGTERM waits for in-flight invocations like /pre-stop does. It drains in <see cref="StoppingAsync"/>, which
/// the host runs before stopping any service, so the wait comes before Kestrel's own stop; Kestrel too keeps
/// running requests alive until the host's shutdown timeout, which the host sets just past the drain timeout.
/// </summary>
internal sealed class DrainOnShutdown(Drainer drainer) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => drainer.DrainAsync("shutdown", cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
