using System.Collections.Concurrent;
using System.Diagnostics;
using Orchestrator.Tools.DevCloud.Fc;

namespace Orchestrator.Tools.DevCloud.Chaos;

/// <summary>
/// Carries out the plan's kills: counts each function's invocations and, on a planned one, kills the instance's
/// process shortly after the invocation was sent, as FC losing an instance mid-invocation would. The dev cloud
/// restarts the instance and the unfinished message is delivered again.
/// </summary>
public sealed class InstanceKiller : IAsyncDisposable
{
    private readonly List<(FunctionInstance Instance, Action<string, string> Handler)> subscriptions = [];
    private readonly ConcurrentDictionary<string, int> invocations = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<Task> pending = [];
    private readonly CancellationTokenSource stopping = new();
    private int performed;

    public InstanceKiller(IEnumerable<FunctionInstance> instances, IReadOnlyList<PlannedKill> kills)
    {
        ArgumentNullException.ThrowIfNull(instances);
        foreach (var instance in instances)
        {
            var name = instance.Function.ResourceName;
            var planned = kills.Where(k => k.Function == name).ToDictionary(k => k.Invocation);
            if (planned.Count == 0)
            {
                continue;
            }

            Action<string, string> handler = (_, _) =>
            {
                var ordinal = invocations.AddOrUpdate(name, 1, (_, n) => n + 1);
                if (planned.TryGetValue(ordinal, out var kill) && instance.ProcessId is { } pid)
                {
                    pending.Add(KillAsync(instance, pid, kill.After, stopping.Token));
                }
            };
            instance.InvocationStarted += handler;
            subscriptions.Add((instance, handler));
        }
    }

    /// <summary>Kills that found the instance still running the invocation's process and ended it.</summary>
    public int Performed => Volatile.Read(ref performed);

    /// <summary>Stops killing; kills already under way finish or are dropped.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var (instance, handler) in subscriptions)
        {
            instance.InvocationStarted -= handler;
        }

        await stopping.CancelAsync();
        await Task.WhenAll(pending);
        stopping.Dispose();
    }

    private async Task KillAsync(FunctionInstance instance, int pid, TimeSpan after, CancellationToken cancellationToken)
    {
        try
        {
            // The delay is the fault itself (where in the invocation the instance dies), not a synchronisation.
            await Task.Delay(after, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (instance.ProcessId != pid)
        {
            return; // already gone or restarted: a kill now would hit a different invocation than planned
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
            Interlocked.Increment(ref performed);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
        {
            // It exited between the check and the kill: nothing left to kill.
        }
    }
}
