namespace Orchestrator.Tools.DevCloud.Fc;

/// <summary>How the local FC treats instances; the defaults are FC's own limits.</summary>
public sealed record InstanceOptions
{
    /// <summary>How long an instance may take to accept on its port (FC: 120 s).</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Pause before an instance that died is started again.</summary>
    public TimeSpan RestartDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a stopping instance gets after <c>/pre-stop</c> before it is killed.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(10);
}
