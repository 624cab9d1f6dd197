using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Workflow.Machine;

namespace Orchestrator.Workflow.Timers;

/// <summary>
/// One entry of the due index, read back from its key <c>index/due/&lt;time&gt;/&lt;jobId&gt;.&lt;stage&gt;.&lt;attempt&gt;.&lt;kind&gt;</c>
/// (<see cref="ObjectKeys.DueMarker"/>): kind <c>deadline</c> or <c>retry</c> (the coordinator's timers) or
/// <c>result</c> (a stage's stored result, marked by the stage).
/// </summary>
public sealed record DueMarker(string Key, DateTimeOffset At, string JobId, StageName Stage, int Attempt, string Kind)
{
    private static readonly string[] Kinds = [JobActions.DeadlineKind, JobActions.RetryKind, ObjectKeys.ResultKind];

    public static bool TryParse(string key, [NotNullWhen(true)] out DueMarker? marker)
    {
        ArgumentNullException.ThrowIfNull(key);
        marker = null;
        var parts = key.StartsWith(ObjectKeys.DuePrefix, StringComparison.Ordinal) ? key[ObjectKeys.DuePrefix.Length..].Split('/') : [];
        var name = parts.Length == 2 ? parts[1].Split('.') : [];
        if (name.Length != 4
            || !DateTime.TryParseExact(parts[0], ObjectKeys.DueTimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            || !JobIds.TryGetCorrelationId(name[0], out _)
            || Enum.GetValues<StageName>().Where(s => ObjectKeys.Lower(s) == name[1]).ToList() is not [var stage]
            || !int.TryParse(name[2], NumberStyles.None, CultureInfo.InvariantCulture, out var attempt)
            || !Kinds.Contains(name[3]))
        {
            return false;
        }

        marker = new DueMarker(key, new DateTimeOffset(at, TimeSpan.Zero), name[0], stage, attempt, name[3]);
        return true;
    }

    /// <summary>
    /// Where this marker stands against <paramref name="head"/>, from the marker's stage record alone: an attempt goes
    /// not started → running → (failed, waiting for its retry) → over, and never back, so a head that is behind the
    /// journal can say "ahead" but never wrongly "stale". A missing head is "ahead" (the job's first entry is in flight).
    /// </summary>
    public DueMarkerStatus StatusIn(JobDocument? head)
    {
        if (head?.Stages.FirstOrDefault(s => s.Name == Stage) is not { } stage || stage.Attempt < Attempt)
        {
            return DueMarkerStatus.Ahead;
        }

        if (stage.Attempt > Attempt)
        {
            return DueMarkerStatus.Stale;
        }

        return (Kind, stage.State) switch
        {
            (JobActions.RetryKind, StageState.Running) => DueMarkerStatus.Ahead,
            (JobActions.RetryKind, StageState.Failed) when stage.NextRetryAt is not null => DueMarkerStatus.Pending,
            (not JobActions.RetryKind, StageState.Running) => DueMarkerStatus.Pending,
            _ => DueMarkerStatus.Stale,
        };
    }
}
