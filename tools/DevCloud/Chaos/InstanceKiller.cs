using System.Collections.Concurrent;
using System.Diagnostics;
using Orchestrator.Tools.DevCloud.Fc;

namespace Orchestrator.Tools.DevCloud.Chaos;

/// <summary>
/// Carries out the plan's kills: counts each function's invocations and, on a planned one, kills one of the
/// function's running instances (the plan's pick among them) shortly after the invocation was sent, as FC losing an
/// instance would: often the one running that invocation, or another in the middle of its own. The dev cloud
/// restarts the instance and the unfinished messages are delivered again.
/// </summary>
public sealed class InstanceKiller : IAsyncDisposable
{
    private readonly List<(FunctionPool Pool, Action<FunctionInstance, string> Handler)> subscriptions = [];
    private readonly ConcurrentDictionary<string, int> invocations = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<Task> pending = [];
    private readonly CancellationTokenSource stopping = new();
    private int performed;

    public InstanceKiller(IEnumerable<FunctionPool> pools, IReadOnlyList<PlannedKill> kills)
    {
        ArgumentNullException.ThrowIfNull(pools);
        ArgumentNullException.ThrowIfNull(kills);
        foreach (var pool in pools)
        {
            var name = pool.Function.ResourceName;
            var planned = kills.Where(k => k.Function == name).ToDictionary(k => k.Invocation);
            if (planned.Count == 0)
            {
                continue;
            }

            Action<FunctionInstance, string> handler = (_, _) =>
            {
                var ordinal = invocations.AddOrUpdate(name, 1, (_, n) => n + 1);
                if (planned.TryGetValue(ordinal, out var kill) && Victim(pool, kill) is { } victim && victim.ProcessId is { } pid)
                {
                    pending.Add(KillAsync(victim, pid, kill.After, stopping.Token));
                }
            };
            pool.InvocationStarted += handler;
            subscriptions.Add((pool, handler));
        }
    }

    /// <summary>Kills that found the chosen instance still running the same process and ended it.</summary>
    public int Performed => Volatile.Read(ref performed);

    /// <summary>Stops killing; kills already under way finish or are dropped.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var (pool, handler) in subscriptions)
        {
            pool.InvocationStarted -= handler;
        }

        await stopping.CancelAsync();
        await Task.WhenAll(pending);
        stopping.Dispose();
    }

    private static FunctionInstance? Victim(FunctionPool pool, PlannedKill kill)
    {
        var running = pool.Instances.Where(i => i.ProcessId is not null).ToList();
        return running.Count == 0 ? null : running[Math.Min(running.Count - 1, (int)(kill.Pick * running.Count))];
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
            process.Kill(entireProcessTree: true); // FC losing an instance loses every process in it
            Interlocked.Increment(ref performed);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
        {
            // It exited between the check and the kill: nothing left to kill.
        }
    }
}
