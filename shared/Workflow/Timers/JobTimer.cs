using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Workflow.Engine;
using Orchestrator.Workflow.Machine;

namespace Orchestrator.Workflow.Timers;

/// <summary>
/// The one timer a job waits for: the deadline of its running attempt, or the retry of its failed one (a state has at
/// most one). Its delayed message is in the outbox; its due marker (<see cref="MarkerKey"/>) lets the sweep find it by
/// time if the message never comes. Both carry the same name, <see cref="MessageId"/>.
/// </summary>
public sealed record JobTimer(string JobId, StageName Stage, int Attempt, string Kind, DateTimeOffset DueAt)
{
    /// <summary>The pending timer of <paramref name="job"/>, or null when it waits for none (ended, or nothing open).</summary>
    public static JobTimer? Of(JobInstance job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (JobDocuments.IsTerminal(JobDocuments.StateOf(job)) || JobActions.OpenStage(job) is not { } open)
        {
            return null;
        }

        var stage = job.Stage(open);
        return stage switch
        {
            { State: StageState.Running, DeadlineAt: { } deadline } => new(job.JobId, open, stage.Attempt, JobActions.DeadlineKind, deadline),
            { State: StageState.Failed, NextRetryAt: { } retryAt } => new(job.JobId, open, stage.Attempt, JobActions.RetryKind, retryAt),
            _ => null,
        };
    }

    public string MessageId => JobActions.MessageId(JobId, Stage, Attempt, Kind);

    /// <summary>The timer's message, with its original id (so the delayed original, if it comes, is a duplicate).</summary>
    public IStageMessage ToMessage() => Kind == JobActions.DeadlineKind
        ? new StageDeadlineDue(MessageId, JobId, Stage, Attempt)
        : new RetryDue(MessageId, JobId, Stage, Attempt);

    /// <summary>The due marker, at the time the sweep may act: due plus <paramref name="grace"/> (the delayed message had its chance).</summary>
    public string MarkerKey(TimeSpan grace) => ObjectKeys.DueMarker(DueAt + grace, MessageId);
}
