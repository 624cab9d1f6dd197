using Orchestrator.Contracts.Messages;

namespace Orchestrator.Contracts.Jobs;

/// <summary>
/// What a stage stores for one attempt before it reports (ARCHITECTURE.md §5, "Results before reports"): exactly one
/// of the two reports, the very message it sends, with its stable id. Stored create-only at
/// <see cref="ObjectKeys.StageResult"/>: the first outcome stored is the attempt's outcome, whoever reports it.
/// </summary>
public sealed record StageResult(StageSucceeded? Succeeded, StageFailed? Failed)
{
    /// <summary>The stored report; null when the document holds neither or both (it was not written by a stage).</summary>
    public IStageMessage? Report => (Succeeded, Failed) switch
    {
        ({ } succeeded, null) => succeeded,
        (null, { } failed) => failed,
        _ => null,
    };

    public static StageResult Of(IStageMessage report) => report switch
    {
        StageSucceeded succeeded => new(succeeded, null),
        StageFailed failed => new(null, failed),
        _ => throw new ArgumentException($"{report?.GetType().Name} is not a stage report", nameof(report)),
    };
}
