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
                // Held by its own start until ready; then it takes the longest waiting invocation like any instance
                // that frees up, so no invocation waits for a cold start while another instance is free.
                added = AddLocked();
                added.Active = 1;
                Logs.ScaledOut(_logger, Function.FunctionName, _members.Count, MaxInstances);
            }

            waiter = new TaskCompletionSource<PooledInstance>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.AddLast(waiter);
        }

        if (added is not null)
        {
            _ = StartThenReleaseAsync(added);
        }

        using (cancellationToken.Register(() => Abandon(waiter, cancellationToken)))
        {
            return await waiter.Task;
        }
    }

    private async Task StartThenReleaseAsync(PooledInstance added)
    {
        try
        {
            await added.Instance.StartAsync(CancellationToken.None);
        }
        catch (TimeoutException)
        {
            // The instance keeps trying (and logs why); an invocation given to it meanwhile waits for it as for a restart.
        }

        Release(added);
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
