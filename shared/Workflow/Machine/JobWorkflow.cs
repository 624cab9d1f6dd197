using MassTransit;
using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using static Orchestrator.Workflow.Machine.JobActions;

namespace Orchestrator.Workflow.Machine;

/// <summary>
/// The whole transition table of a job. Rows are read top to bottom and the first row whose condition holds takes
/// the event (every condition starts with <c>Open</c>, which is false once a row has handled it). What a row does
/// lives in <see cref="JobActions"/>; nothing here reads a clock or does I/O.
/// </summary>
public sealed class JobWorkflow : MassTransitStateMachine<JobInstance>
{
    public JobWorkflow(JobActions actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        InstanceState(job => job.CurrentState);
        Correlate(() => JobStarted);
        Correlate(() => StageSucceeded);
        Correlate(() => StageFailed);
        Correlate(() => StageDeadlineDue);
        Correlate(() => RetryDue);
        Correlate(() => RetryJob);
        Correlate(() => CancelJob);

        Initially(
            When(JobStarted)
                .Then(c => actions.Start(c.Saga, c.Message))
                .TransitionTo(Fetching));

        // Before any other row: a result whose outputs are not the keys that job's attempt writes is a forgery
        // (it could point the job at another job's files), refused whatever the job's state.
        DuringAny(
            When(StageSucceeded, c => Open(c) && OutputsProblem(c.Saga, c.Message) is not null)
                .Then(c => Refuse(c.Saga, WorkflowErrorCodes.OutputsRejected, OutputsProblem(c.Saga, c.Message)!)));

        During(Fetching, Building, Publishing,
            // Results and timers of an attempt that is not the running one.
            When(StageSucceeded, c => Open(c) && !IsCurrentRunning(c.Saga, c.Message))
                .Then(c => RecordIgnored(c.Saga, c.Message, "StageSucceeded")),
            When(StageFailed, c => Open(c) && !IsCurrentRunning(c.Saga, c.Message))
                .Then(c => RecordIgnored(c.Saga, c.Message, "StageFailed")),
            When(StageDeadlineDue, c => Open(c) && !IsCurrentRunning(c.Saga, c.Message))
                .Then(c => Skip(c.Saga)),
            When(RetryDue, c => Open(c) && !IsWaitingForRetry(c.Saga, c.Message))
                .Then(c => Skip(c.Saga)),

            // The running attempt failed or timed out.
            When(StageFailed, c => Open(c) && c.Message.Error.Code == WorkflowErrorCodes.Superseded)
                .Then(c => Cancel(c.Saga, "StageFailed", c.Message.Error.Message))
                .TransitionTo(Cancelled),
            When(StageFailed, c => Open(c) && c.Message.Error.Retryable && HasAttemptsLeft(c.Saga, c.Message.Stage))
                .Then(c => actions.ScheduleRetry(c.Saga, c.Message.Stage, c.Message.Error, "StageFailed")),
            When(StageFailed, c => Open(c))
                .Then(c => FailJob(c.Saga, c.Message.Stage, c.Message.Error, "StageFailed"))
                .TransitionTo(Failed),
            When(StageDeadlineDue, c => Open(c) && HasAttemptsLeft(c.Saga, c.Message.Stage))
                .Then(c => actions.ScheduleRetry(c.Saga, c.Message.Stage, TimedOut(c.Saga, c.Message), "StageTimedOut")),
            When(StageDeadlineDue, c => Open(c))
                .Then(c => FailJob(c.Saga, c.Message.Stage, TimedOut(c.Saga, c.Message), "StageTimedOut"))
                .TransitionTo(Failed),
            When(RetryDue, c => Open(c))
                .Then(c => actions.StartRetry(c.Saga, c.Message)),

            // Operators.
            When(RetryJob, c => Open(c) && ActiveRetryProblem(c.Saga, c.Message) is not null)
                .Then(c => Refuse(c.Saga, WorkflowErrorCodes.NotRetryable, ActiveRetryProblem(c.Saga, c.Message)!)),
            When(RetryJob, c => Open(c))
                .Then(c => actions.RestartOpenStage(c.Saga, c.Message)),
            When(CancelJob, c => Open(c))
                .Then(c => Cancel(c.Saga, "CancelJob", "cancelled by operator"))
                .TransitionTo(Cancelled));

        // The running attempt succeeded: on to the next stage.
        During(Fetching,
            When(StageSucceeded, c => Open(c))
                .Then(c => Complete(c.Saga, c.Message))
                .Then(c => actions.StartAttempt(c.Saga, StageName.Build))
                .TransitionTo(Building));
        During(Building,
            When(StageSucceeded, c => Open(c) && IsSuperseded(c.Saga))
                .Then(c => Complete(c.Saga, c.Message))
                .Then(c => Cancel(c.Saga, "StageSucceeded", SupersededReason(c.Saga)))
                .TransitionTo(Cancelled),
            When(StageSucceeded, c => Open(c))
                .Then(c => Complete(c.Saga, c.Message))
                .Then(c => actions.StartAttempt(c.Saga, StageName.Publish))
                .TransitionTo(Publishing));
        During(Publishing,
            When(StageSucceeded, c => Open(c))
                .Then(c => Complete(c.Saga, c.Message))
                .Then(c => Release(c.Saga))
                .TransitionTo(Succeeded));

        // Ended jobs: late results are kept in the history, timers are stale, only a retry re-opens them.
        During(Succeeded, Failed, Cancelled,
            When(StageSucceeded, c => Open(c))
                .Then(c => RecordIgnored(c.Saga, c.Message, "StageSucceeded")),
            When(StageFailed, c => Open(c))
                .Then(c => RecordIgnored(c.Saga, c.Message, "StageFailed")),
            When(StageDeadlineDue, c => Open(c))
                .Then(c => Skip(c.Saga)),
            When(RetryDue, c => Open(c))
                .Then(c => Skip(c.Saga)),
            When(CancelJob, c => Open(c))
                .Then(c => Refuse(c.Saga, WorkflowErrorCodes.AlreadyTerminal, $"the job has already ended {c.Saga.CurrentState}")));
        During(Succeeded,
            When(RetryJob, c => Open(c))
                .Then(c => Refuse(c.Saga, WorkflowErrorCodes.NotRetryable, "the job succeeded; upload again to rebuild")));
        During(Failed, Cancelled,
            When(RetryJob, c => Open(c) && RedriveProblem(c.Saga, c.Message) is not null)
                .Then(c => Refuse(c.Saga, WorkflowErrorCodes.NotRetryable, RedriveProblem(c.Saga, c.Message)!)),
            When(RetryJob, c => Open(c) && RedriveTarget(c.Saga, c.Message) == StageName.Fetch)
                .Then(c => actions.Redrive(c.Saga, c.Message))
                .TransitionTo(Fetching),
            When(RetryJob, c => Open(c) && RedriveTarget(c.Saga, c.Message) == StageName.Build)
                .Then(c => actions.Redrive(c.Saga, c.Message))
                .TransitionTo(Building),
            When(RetryJob, c => Open(c))
                .Then(c => actions.Redrive(c.Saga, c.Message))
                .TransitionTo(Publishing));
    }

    public State Fetching { get; private set; } = null!;

    public State Building { get; private set; } = null!;

    public State Publishing { get; private set; } = null!;

    public State Succeeded { get; private set; } = null!;

    public State Failed { get; private set; } = null!;

    public State Cancelled { get; private set; } = null!;

    public Event<JobStarted> JobStarted { get; private set; } = null!;

    public Event<StageSucceeded> StageSucceeded { get; private set; } = null!;

    public Event<StageFailed> StageFailed { get; private set; } = null!;

    public Event<StageDeadlineDue> StageDeadlineDue { get; private set; } = null!;

    public Event<RetryDue> RetryDue { get; private set; } = null!;

    public Event<RetryJob> RetryJob { get; private set; } = null!;

    public Event<CancelJob> CancelJob { get; private set; } = null!;

    /// <summary>True until a row has taken the event.</summary>
    private static bool Open(SagaConsumeContext<JobInstance> context) => !context.Saga.Handled;

    private void Correlate<T>(System.Linq.Expressions.Expression<Func<Event<T>>> property)
        where T : class, IJobMessage =>
        Event(property, e =>
        {
            e.CorrelateById(c => JobIds.ToCorrelationId(c.Message.JobId));
            e.OnMissingInstance(m => m.Fault());
        });
}
