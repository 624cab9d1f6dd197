using System.Text.Json.Nodes;

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

    /// <summary>Process starts beyond one per instance, across all functions: restarts after kills, timeouts and crashes.</summary>
    public int Restarts { get; init; }

    /// <summary>Instances the dev cloud started, across all functions (the first of each, and every scale-out).</summary>
    public int InstancesStarted { get; init; }

    /// <summary>Instances the dev cloud started for each function (the first and every scale-out), by resource name.</summary>
    public IReadOnlyDictionary<string, int> InstancesByFunction { get; init; } = new Dictionary<string, int>();

    /// <summary>The most instances each function ran at once, by resource name.</summary>
    public IReadOnlyDictionary<string, int> PeakInstances { get; init; } = new Dictionary<string, int>();

    /// <summary>Queue messages delivered again after a delivery that failed or did not complete, and FC async retries.</summary>
    public long Redeliveries { get; init; }

    /// <summary>Events the triggers gave up on (sent to the dead-letter queue, or dropped for want of one).</summary>
    public long DeadLettered { get; init; }

    /// <summary>Stage reports the coordinator recovered from result objects (<see cref="Chaos.RecoveredReports"/>).</summary>
    public int RecoveredReports { get; init; }

    /// <summary>For each job that ended: from its upload to its terminal journal entry, shortest first.</summary>
    public IReadOnlyList<TimeSpan> UploadToTerminal { get; init; } = [];

    /// <summary>Jobs the index holds beyond the uploads' own (a second job for one upload counts here).</summary>
    public required int UnexpectedJobs { get; init; }

    /// <summary>Journal entries the uploads' jobs hold at the end: every state transition the coordinators wrote.</summary>
    public required int JournalEntries { get; init; }

    /// <summary>From the earliest upload to the latest terminal journal entry of the jobs that ended (null when none ended).</summary>
    public required TimeSpan? FirstUploadToLastTerminal { get; init; }

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

    /// <summary>The last line of a run: the contract's six keys (<see cref="ChaosFigures"/>), then the run's measures.</summary>
    public string ToJson()
    {
        var json = (JsonObject)JsonNode.Parse(Figures.ToJson())!;
        json["deadLettered"] = DeadLettered;
        json["redeliveries"] = Redeliveries;
        json["recoveredReports"] = RecoveredReports;
        json["uploadToTerminalP50"] = Seconds(Percentile(UploadToTerminal, 0.50));
        json["uploadToTerminalP99"] = Seconds(Percentile(UploadToTerminal, 0.99));
        json["uploadToTerminalMax"] = Seconds(UploadToTerminal.Count == 0 ? null : UploadToTerminal[^1]);
        json["instancesStarted"] = InstancesStarted;
        return json.ToJsonString();
    }

    /// <summary>The nearest-rank percentile of sorted values, or null when there are none.</summary>
    public static TimeSpan? Percentile(IReadOnlyList<TimeSpan> sorted, double fraction)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        return sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static double? Seconds(TimeSpan? value) => value is { } time ? Math.Round(time.TotalSeconds, 1) : null;
}
