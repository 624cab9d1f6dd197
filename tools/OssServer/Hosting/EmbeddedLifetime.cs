using Microsoft.Extensions.Hosting;

namespace Orchestrator.Tools.OssServer.Hosting;

/// <summary>
/// The server is embedded (tests, dev cloud, CLI): its owner decides when it stops. The default console lifetime
/// would hook SIGTERM/Ctrl+C itself and fight the owner's own shutdown, so this lifetime does nothing.
/// </summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
