namespace Orchestrator.Tools.DevCloud.Chaos;

/// <summary>The figures of a chaos run and what was done to the system to get them.</summary>
public sealed record ChaosReport
{
    public required ChaosFigures Figures { get; init; }

    public required ChaosPlan Plan { get; init; }

    /// <summary>Final job states by name ("none" for an upload without a job head).</summary>
    public required IReadOnlyDictionary<string, int> FinalStates { get; init; }

    public long ServiceUnavailableInjected { get; init; }

    public int KillsPerformed { get; init; }

    /// <summary>Instance starts after the first, across all functions: restarts after kills, timeouts and crashes.</summary>
    public int Restarts { get; init; }

    /// <summary>Jobs the index holds beyond the uploads' own (a second job for one upload counts here).</summary>
    public required int UnexpectedJobs { get; init; }

    public TimeSpan Uploading { get; init; }

    /// <summary>From the first upload until every job had ended (or the deadline passed).</summary>
    public TimeSpan UntilTerminal { get; init; }

    public TimeSpan Total { get; init; }

    /// <summary>Job durations (head <c>createdAt</c> to <c>updatedAt</c>) of the jobs that ended.</summary>
    public required IReadOnlyList<TimeSpan> JobDurations { get; init; }

    /// <summary>Sites whose live content failed the site check, with why.</summary>
    public required IReadOnlyList<string> SiteProblems { get; init; }

    /// <summary>Jobs that broke an invariant or did not end, with which.</summary>
    public required IReadOnlyList<string> JobProblems { get; init; }
}
