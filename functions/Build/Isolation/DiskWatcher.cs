namespace Orchestrator.Functions.Build;

/// <summary>
/// Keeps a build inside its disk budget (<c>Build:DiskLimitMegabytes</c>) without quotas: measures what the build
/// holds (<see cref="BuildSandbox.MeasureDisk"/>) every <c>Build:DiskCheckIntervalMilliseconds</c>, and at least ten
/// times as long as the last measurement took, so the walk costs at most a tenth of a core however many files
/// the build makes. Over budget, <see cref="Exceeded"/> fires and the runner kills the build.
/// </summary>
public sealed class DiskWatcher : IAsyncDisposable
{
    private const int CostFactor = 10;

    private readonly BuildSandbox _sandbox;
    private readonly long _limitBytes;
    private readonly CancellationTokenSource _exceeded = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private Task? _loop;

    public DiskWatcher(BuildSandbox sandbox, long limitBytes)
    {
        _sandbox = sandbox;
        _limitBytes = limitBytes;
    }

    /// <summary>Fires once the build holds more than its budget.</summary>
    public CancellationToken Exceeded => _exceeded.Token;

    /// <summary>Bytes held at the measurement that went over the budget (0 while within it).</summary>
    public long ExceededBytes { get; private set; }

    public void Start(TimeSpan interval, TimeProvider timeProvider) => _loop = LoopAsync(interval, timeProvider, _stop.Token);

    /// <summary>Measures now; true when the build is over its budget.</summary>
    public bool CheckNow()
    {
        lock (_gate)
        {
            if (ExceededBytes > 0)
            {
                return true;
            }

            var used = _sandbox.MeasureDisk().Bytes;
            if (used <= _limitBytes)
            {
                return false;
            }

            ExceededBytes = used;
        }

        _exceeded.Cancel();
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            try
            {
                await _loop;
            }
            catch (OperationCanceledException)
            {
                // The stop itself.
            }
        }

        _stop.Dispose();
        _exceeded.Dispose();
    }

    private async Task LoopAsync(TimeSpan interval, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var pause = interval;
        while (true)
        {
            await Task.Delay(pause, timeProvider, cancellationToken);
            var started = timeProvider.GetTimestamp();
            if (CheckNow())
            {
                return;
            }

            var cost = timeProvider.GetElapsedTime(started) * CostFactor;
            pause = cost > interval ? cost : interval;
        }
    }
}
