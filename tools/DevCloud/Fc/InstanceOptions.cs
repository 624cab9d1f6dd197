namespace Orchestrator.Tools.DevCloud.Fc;

/// <summary>How the local FC treats instances; the defaults are FC's own limits, or the dev cloud's where FC has none.</summary>
public sealed record InstanceOptions
{
    /// <summary>The instance cap of a function whose s.yaml reserves no concurrency.</summary>
    public const int DefaultMaxInstances = 4;

    /// <summary>How long an instance may take to accept on its port (FC: 120 s).</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Pause before an instance that died is started again.</summary>
    public TimeSpan RestartDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a stopping instance gets after <c>/pre-stop</c> before it is killed.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The most instances one function runs at once, overriding s.yaml (<c>devcloud up --instances N</c>); null
    /// takes s.yaml's <c>concurrencyConfig.reservedConcurrency</c> ÷ <c>instanceConcurrency</c>, or
    /// <see cref="DefaultMaxInstances"/> when s.yaml reserves none.
    /// </summary>
    public int? MaxInstances { get; init; }

    /// <summary>How long an instance beyond the function's minimum stays idle before it is stopped (with <c>/pre-stop</c>).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The instance cap of <paramref name="function"/> under these options.</summary>
    public int MaxInstancesOf(Config.FunctionSpec function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return MaxInstances
            ?? (function.ReservedConcurrency is { } reserved
                ? (reserved + function.InstanceConcurrency - 1) / function.InstanceConcurrency
                : DefaultMaxInstances);
    }
}
