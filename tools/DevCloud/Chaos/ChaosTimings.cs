using System.Globalization;

namespace Orchestrator.Tools.DevCloud.Chaos;

/// <summary>
/// The clocks a chaos run gives the coordinator (stage deadlines, retries and their backoff, the sweep), and the
/// bound on a job's life that follows from them: how long a run waits for its jobs before it calls one lost.
/// </summary>
public sealed record ChaosTimings
{
    // What one active job adds to a sweep that reads them all, on a loaded two-core machine.
    private static readonly TimeSpan SweepAllowance = TimeSpan.FromSeconds(0.15);

    /// <summary>Each stage's deadline: an attempt that has not reported by then is timed out and retried.</summary>
    public IReadOnlyList<(string Stage, TimeSpan Timeout)> Stages { get; init; } =
        [("Fetch", TimeSpan.FromSeconds(20)), ("Build", TimeSpan.FromSeconds(40)), ("Publish", TimeSpan.FromSeconds(20))];

    /// <summary>
    /// The timings for a run of <paramref name="jobs"/> uploads. A stage's deadline counts from the moment its request
    /// is sent, so it includes the wait behind every other job's request of the stage: each deadline allows the
    /// run's jobs to queue through the stage, never less than the default. Shorter deadlines time out attempts that
    /// are merely queued, and their retries add to the queue they wait in.
    /// </summary>
    public static ChaosTimings For(int jobs)
    {
        var defaults = new ChaosTimings();
        return defaults with
        {
            Stages = defaults.Stages.Select(s => (s.Stage, Max(s.Timeout, QueueAllowance(s.Stage) * jobs))).ToList(),

            // The sweep reads every active job: run it so often that it does not take every coordinator instance.
            SweepInterval = Max(defaults.SweepInterval, SweepAllowance * jobs),
        };
    }

    // What one job adds to a stage's queue on a loaded two-core machine, every delivery doubled by the fault plan:
    // Fetch runs two at a time (s.yaml's maximumTasks) and is short; Build runs on several instances but each build
    // takes seconds; Publish runs one at a time (maximumTasks 1), and a busy site gives its message back.
    private static TimeSpan QueueAllowance(string stage) => stage switch
    {
        "Fetch" => TimeSpan.FromSeconds(1.5),
        _ => TimeSpan.FromSeconds(3),
    };

    /// <summary>Attempts per stage, the first included (the coordinator's own default, set explicitly so the bound uses it).</summary>
    public int MaxAttempts { get; init; } = 3;

    public TimeSpan RetryInitialDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>How long past a timer's due time the sweep waits before firing it itself.</summary>
    public TimeSpan SweepGrace { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long a stored result waits for its report before the sweep applies it (a report lost to a fault).</summary>
    public TimeSpan ResultCheckAfter { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the sweep's timer trigger fires.</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(5);

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
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Coordinator__SweepGrace"] = Text(SweepGrace),
            ["Coordinator__ResultCheckAfter"] = Text(ResultCheckAfter),
        };
        foreach (var (stage, timeout) in Stages)
        {
            environment[$"Coordinator__{stage}__Timeout"] = Text(timeout);
            environment[$"Coordinator__{stage}__Retry__MaxAttempts"] = MaxAttempts.ToString(CultureInfo.InvariantCulture);
            environment[$"Coordinator__{stage}__Retry__InitialDelay"] = Text(RetryInitialDelay);
            environment[$"Coordinator__{stage}__Retry__MaxDelay"] = Text(RetryMaxDelay);
        }

        return environment;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string Text(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
