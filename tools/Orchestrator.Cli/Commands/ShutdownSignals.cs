using System.Runtime.InteropServices;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// Turns SIGINT/SIGTERM/SIGQUIT into a cancellation of the dev cloud's run. Needed because the embedded servers
/// (OSS, MNS, the HTTP gateway) are ASP.NET Core apps whose console lifetime takes SIGTERM for itself and stops only
/// its own server, which would leave the CLI, and the function processes it owns, running.
/// </summary>
internal sealed class ShutdownSignals : IDisposable
{
    private readonly CancellationTokenSource stop;
    private readonly PosixSignalRegistration[] registrations;

    public ShutdownSignals(CancellationToken cancellationToken)
    {
        stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        registrations = [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGQUIT }.Select(signal => PosixSignalRegistration.Create(signal, context =>
        {
            context.Cancel = true; // stop in order (pre-stop, then the processes), not by the runtime's default exit
            stop.Cancel();
        }))];
    }

    public CancellationToken Token => stop.Token;

    public void Dispose()
    {
        foreach (var registration in registrations)
        {
            registration.Dispose();
        }

        stop.Dispose();
    }
}
