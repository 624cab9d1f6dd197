using System.Globalization;

namespace Orchestrator.Tools.DevCloud.Chaos;

/// <summary>
/// The clocks a chaos run gives the coordinator (stage deadlines, retries and their backoff, the sweep), and the
/// bound on a job's life that follows from them: how long a run waits for its jobs before it calls one lost.
/// </summary>
public sealed record ChaosTimings
{
    /// <summary>Each stage's deadline: an attempt that has not reported by then is timed out and retried.</summary>
    public IReadOnlyList<(string Stage, TimeSpan Timeout)> Stages { get; init; } =
        [("Fetch", TimeSpan.FromSeconds(20)), ("Build", TimeSpan.FromSeconds(40)), ("Publish", TimeSpan.FromSeconds(20))];

    /// <summary>Attempts per stage, the first included (the coordinator's own default, set explicitly so the bound uses it).</summary>
    public int MaxAttempts { get; init; } = 3;

    public TimeSpan RetryInitialDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>How long past a timer's due time the sweep waits before firing it itself.</summary>
    public TimeSpan SweepGrace { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the sweep's timer trigger fires.</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Beyond the deadlines: starting a job from its upload event, the coordinator's own turns, a slow machine.</summary>
    public TimeSpan Margin { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest a job can take once uploaded without anything being lost: every attempt of every stage runs to its
    /// deadline and is noticed one sweep late, and every retry waits the longest backoff and is noticed a sweep late.
    /// A job not ended by then was lost (its report, or its timers).
    /// </summary>
    public TimeSpan JobBound
    {
        get
        {
            var noticed = SweepGrace + SweepInterval;
            var stages = Stages.Aggregate(TimeSpan.Zero, (sum, stage) =>
                sum + ((stage.Timeout + noticed) * MaxAttempts) + ((RetryMaxDelay + noticed) * (MaxAttempts - 1)));
            return stages + Margin;
        }
    }

    /// <summary>The coordinator's settings as environment variables (<c>Coordinator__…</c>, read by Initialize only).</summary>
    public IReadOnlyDictionary<string, string> CoordinatorEnvironment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["Coordinator__SweepGrace"] = Text(SweepGrace) };
        foreach (var (stage, timeout) in Stages)
        {
            environment[$"Coordinator__{stage}__Timeout"] = Text(timeout);
            environment[$"Coordinator__{stage}__Retry__MaxAttempts"] = MaxAttempts.ToString(CultureInfo.InvariantCulture);
            environment[$"Coordinator__{stage}__Retry__InitialDelay"] = Text(RetryInitialDelay);
            environment[$"Coordinator__{stage}__Retry__MaxDelay"] = Text(RetryMaxDelay);
        }

        return environment;
    }

    private static string Text(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
