namespace Orchestrator.Tools.DevCloud.Fc;

/// <summary>Which instance an invocation goes to: one with room, a new one below the cap, or the first to free up.</summary>
public sealed partial class FunctionPool
{
    private async Task<PooledInstance> AcquireAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource<PooledInstance> waiter;
        PooledInstance? added = null;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);

            // The busiest instance with room first (as FC packs an instance up to its concurrency), then the one used
            // last: surplus instances stay idle and are the ones reaped.
            var free = _members.Where(m => m.Active < Function.InstanceConcurrency).OrderByDescending(m => m.Active).ThenByDescending(m => m.IdleSince).FirstOrDefault();
            if (free is not null)
            {
                free.Active++;
                return free;
            }

            if (_members.Count < MaxInstances)
            {
                added = AddLocked();
                added.Active = 1;
                Logs.ScaledOut(_logger, Function.FunctionName, _members.Count, MaxInstances);
            }

            waiter = new TaskCompletionSource<PooledInstance>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (added is null)
            {
                _waiters.AddLast(waiter);
            }
        }

        if (added is not null)
        {
            // Not awaited here: the invocation waits for the instance to be ready, as any invocation of a restarting
            // instance does, and a start that fails is retried by the instance and logged.
            _ = added.Instance.StartAsync(CancellationToken.None).ContinueWith(t => t.Exception, TaskScheduler.Default);
            return added;
        }

        using (cancellationToken.Register(() => Abandon(waiter, cancellationToken)))
        {
            return await waiter.Task;
        }
    }

    /// <summary>Gives the instance to the longest waiting invocation, or marks it as having room again.</summary>
    private void Release(PooledInstance member)
    {
        lock (_gate)
        {
            while (_waiters.First is { } first)
            {
                _waiters.RemoveFirst();
                if (first.Value.TrySetResult(member))
                {
                    return;
                }
            }

            member.Active--;
            if (member.Active == 0)
            {
                member.IdleSince = _time.GetUtcNow();
            }
        }
    }

    private void Abandon(TaskCompletionSource<PooledInstance> waiter, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // Still waiting: it leaves the line. Already handed an instance: the invocation gives it back itself.
            if (_waiters.Remove(waiter))
            {
                waiter.TrySetCanceled(cancellationToken);
            }
        }
    }

    private PooledInstance AddLocked()
    {
        var instance = _create(_log);
        instance.InvocationStarted += (_, requestId) => InvocationStarted?.Invoke(instance, requestId);
        var member = new PooledInstance(instance, _time.GetUtcNow());
        _members.Add(member);
        _instancesStarted++;
        _peak = Math.Max(_peak, _members.Count);
        return member;
    }
}
