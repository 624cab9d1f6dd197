namespace Orchestrator.Tools.OssServer.Faults;

/// <summary>
/// Faults the server injects into signed requests, changeable while it runs: added latency, and a share of
/// requests answered 503 ServiceUnavailable before they do anything. Thread-safe.
/// </summary>
public sealed class FaultInjection
{
    private readonly object _gate = new();
    private Random _random = new();
    private TimeSpan _latency;
    private double _serviceUnavailableRate;
    private int _failNext;
    private long _injected;

    /// <summary>Added before every signed request is handled.</summary>
    public TimeSpan Latency
    {
        get { lock (_gate) { return _latency; } }
        set { lock (_gate) { _latency = value < TimeSpan.Zero ? TimeSpan.Zero : value; } }
    }

    /// <summary>0 to 1: the share of requests answered 503.</summary>
    public double ServiceUnavailableRate
    {
        get { lock (_gate) { return _serviceUnavailableRate; } }
        set { lock (_gate) { _serviceUnavailableRate = Math.Clamp(value, 0, 1); } }
    }

    /// <summary>How many 503s were injected so far.</summary>
    public long InjectedCount => Interlocked.Read(ref _injected);

    /// <summary>Answers the next <paramref name="count"/> requests with 503, whatever the rate (deterministic tests).</summary>
    public void FailNext(int count)
    {
        lock (_gate)
        {
            _failNext = Math.Max(0, count);
        }
    }

    /// <summary>Makes the random choices repeatable.</summary>
    public void Seed(int seed)
    {
        lock (_gate)
        {
            _random = new Random(seed);
        }
    }

    /// <summary>Back to no faults.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _latency = TimeSpan.Zero;
            _serviceUnavailableRate = 0;
            _failNext = 0;
        }
    }

    internal bool ShouldFail()
    {
        bool fail;
        lock (_gate)
        {
            if (_failNext > 0)
            {
                _failNext--;
                fail = true;
            }
            else
            {
                fail = _serviceUnavailableRate > 0 && _random.NextDouble() < _serviceUnavailableRate;
            }
        }

        if (fail)
        {
            Interlocked.Increment(ref _injected);
        }

        return fail;
    }
}
