namespace Orchestrator.Hosting.Invocation;

/// <summary>Counts invocations in flight so /pre-stop and SIGTERM can wait for them to finish.</summary>
internal sealed class InvocationTracker(TimeProvider timeProvider)
{
    private readonly Lock _gate = new();
    private int _inFlight;
    private TaskCompletionSource _idle = CompletedSource();

    public int InFlight
    {
        get
        {
            lock (_gate)
            {
                return _inFlight;
            }
        }
    }

    public IDisposable Enter()
    {
        lock (_gate)
        {
            if (_inFlight++ == 0)
            {
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        return new Exit(this);
    }

    /// <summary>Waits until nothing is in flight or <paramref name="timeout"/> passes; true when drained.</summary>
    public async Task<bool> DrainAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task idle;
        lock (_gate)
        {
            idle = _idle.Task;
        }

        try
        {
            await idle.WaitAsync(timeout, timeProvider, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private void Leave()
    {
        lock (_gate)
        {
            if (--_inFlight == 0)
            {
                _idle.TrySetResult();
            }
        }
    }

    private static TaskCompletionSource CompletedSource()
    {
        var source = new TaskCompletionSource();
        source.SetResult();
        return source;
    }

    private sealed class Exit(InvocationTracker tracker) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                tracker.Leave();
            }
        }
    }
}
