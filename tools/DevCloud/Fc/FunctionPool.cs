using Microsoft.Extensions.Logging;
using Orchestrator.Tools.DevCloud.Config;

namespace Orchestrator.Tools.DevCloud.Fc;

/// <summary>
/// One function's instances, as FC runs them: an invocation (event or HTTP request) goes to an instance with room
/// (fewer than <c>instanceConcurrency</c> invocations running); when none has room another instance is started, up to
/// the function's cap; at the cap the invocation waits for the first instance to free up. Instances beyond the
/// function's minimum that stay idle for <see cref="InstanceOptions.IdleTimeout"/> are stopped with <c>/pre-stop</c>.
/// </summary>
public sealed partial class FunctionPool : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<PooledInstance> _members = [];
    private readonly LinkedList<TaskCompletionSource<PooledInstance>> _waiters = [];
    private readonly Func<FunctionLog, FunctionInstance> _create;
    private readonly InstanceOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly FunctionLog _log;
    private readonly CancellationTokenSource _stopping = new();
    private Task _reaper = Task.CompletedTask;
    private readonly List<FunctionInstance> _retired = [];
    private int _instancesStarted;
    private int _peak;
    private bool _disposed;

    /// <summary>A pool for <paramref name="function"/>, logging to <c>&lt;logDirectory&gt;/&lt;function&gt;.log</c>; <paramref name="create"/> makes one instance (not started) writing to that log.</summary>
    public FunctionPool(FunctionSpec function, string logDirectory, Func<FunctionLog, FunctionInstance> create, InstanceOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(options);
        Function = function;
        _create = create;
        _options = options;
        _time = time;
        _logger = logger;
        MaxInstances = Math.Max(1, options.MaxInstancesOf(function));
        MinInstances = Math.Min(MaxInstances, Math.Max(1, function.MinInstances ?? 1));
        _log = new FunctionLog(logDirectory, function.FunctionName);
    }

    public FunctionSpec Function { get; }

    /// <summary>The cap: FC starts no more instances of the function than this.</summary>
    public int MaxInstances { get; }

    /// <summary>
    /// Instances kept even when idle: s.yaml's <c>scalingConfig.minInstances</c>, at least one (the dev cloud keeps one
    /// warm so a request after a quiet spell does not wait for a cold start; FC would scale a function to zero).
    /// </summary>
    public int MinInstances { get; }

    /// <summary>Raised when an invocation is sent to one of the instances (the instance, the request id).</summary>
    public event Action<FunctionInstance, string>? InvocationStarted;

    /// <summary>The instances running now.</summary>
    public IReadOnlyList<FunctionInstance> Instances
    {
        get
        {
            lock (_gate)
            {
                return _members.Select(m => m.Instance).ToList();
            }
        }
    }

    /// <summary>Instances the pool started (at the start, and each time it scaled out).</summary>
    public int InstancesStarted => Volatile.Read(ref _instancesStarted);

    /// <summary>The most instances that ran at once.</summary>
    public int PeakInstances => Volatile.Read(ref _peak);

    /// <summary>Process starts across every instance the pool ever had: one per instance, and one per restart after a death.</summary>
    public int ProcessStarts
    {
        get
        {
            lock (_gate)
            {
                return _retired.Sum(i => i.Starts) + _members.Sum(m => m.Instance.Starts);
            }
        }
    }

    /// <summary>Starts the minimum of instances and waits until they are initialized (or one fails to start).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var first = new List<FunctionInstance>();
        lock (_gate)
        {
            for (var i = 0; i < MinInstances; i++)
            {
                first.Add(AddLocked().Instance);
            }
        }

        await Task.WhenAll(first.Select(i => i.StartAsync(cancellationToken)));
        _reaper = Task.Run(() => ReapAsync(_stopping.Token), CancellationToken.None);
    }

    /// <summary>Invokes the function with an event on an instance with room (see the class); never throws for a function failure.</summary>
    public async Task<InvokeOutcome> InvokeAsync(byte[] body, CancellationToken cancellationToken)
    {
        var member = await AcquireAsync(cancellationToken);
        try
        {
            return await member.Instance.InvokeAsync(body, cancellationToken);
        }
        finally
        {
            Release(member);
        }
    }

    /// <summary>
    /// Passes an HTTP-trigger request to an instance with room. The answer is read whole before the instance is
    /// given back, so the request holds its place until it has been answered, as it does on FC.
    /// </summary>
    public async Task<HttpResponseMessage> ForwardAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var member = await AcquireAsync(cancellationToken);
        try
        {
            var response = await member.Instance.ForwardAsync(request, cancellationToken);
            try
            {
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                return response;
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }
        finally
        {
            Release(member);
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<PooledInstance> members;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            members = [.. _members];
            foreach (var waiter in _waiters)
            {
                waiter.TrySetException(new ObjectDisposedException(nameof(FunctionPool), $"{Function.FunctionName}: the dev cloud is stopping"));
            }

            _waiters.Clear();
        }

        await _stopping.CancelAsync();
        await _reaper.ContinueWith(_ => { }, TaskScheduler.Default);
        await Task.WhenAll(members.Select(m => m.Instance.DisposeAsync().AsTask()));
        _log.Dispose();
        _stopping.Dispose();
    }
}
