using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Workflow.Engine;
using Stateless;
using Stateless.Graph;
using Stateless.Reflection;
using static Orchestrator.Workflow.Machine.JobActions;

namespace Orchestrator.Workflow.Machine;

/// <summary>
/// The whole transition table of a job, on Stateless. The state lives outside the machine: it is read from and written
/// to the decision's <see cref="JobInstance"/> (accessor/mutator), which the coordinator loads from the journal and
/// commits after. Each trigger's rows in a state take one <see cref="Outcome"/> of the same classification, so at most
/// one guard holds (Stateless throws if two did). Entry actions and internal transitions only change the in-memory job
/// and collect outbox commands in the <see cref="JobDecision"/>; what they do lives in <see cref="JobActions"/>.
/// A pair the table does not name is refused (<see cref="WorkflowErrorCodes.UnexpectedEvent"/>).
/// </summary>
public sealed class JobMachine
{
    private readonly StateMachine<JobState, JobTrigger> _machine;
    private readonly StateMachine<JobState, JobTrigger>.TriggerWithParameters<JobStarted> _started;
    private readonly StateMachine<JobState, JobTrigger>.TriggerWithParameters<StageSucceeded> _succeeded;
    private readonly StateMachine<JobState, JobTrigger>.TriggerWithParameters<StageFailed> _failed;
    private readonly StateMachine<JobState, JobTrigger>.TriggerWithParameters<StageDeadlineDue> _deadline;
    private readonly StateMachine<JobState, JobTrigger>.TriggerWithParameters<RetryDue> _retryDue;
    private readonly StateMachine<JobState, JobTrigger>.TriggerWithParameters<RetryJob> _retryJob;
    private readonly StateMachine<JobState, JobTrigger>.TriggerWithParameters<CancelJob> _cancelJob;

    public JobMachine(JobDecision decision, JobActions actions)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(actions);
        var d = decision;
        var job = d.Job;
        _machine = new StateMachine<JobState, JobTrigger>(() => JobDocuments.StateOf(job), state => job.CurrentState = state.ToString());
        _started = _machine.SetTriggerParameters<JobStarted>(JobTrigger.JobStarted);
        _succeeded = _machine.SetTriggerParameters<StageSucceeded>(JobTrigger.StageSucceeded);
        _failed = _machine.SetTriggerParameters<StageFailed>(JobTrigger.StageFailed);
        _deadline = _machine.SetTriggerParameters<StageDeadlineDue>(JobTrigger.StageDeadlineDue);
        _retryDue = _machine.SetTriggerParameters<RetryDue>(JobTrigger.RetryDue);
        _retryJob = _machine.SetTriggerParameters<RetryJob>(JobTrigger.RetryJob);
        _cancelJob = _machine.SetTriggerParameters<CancelJob>(JobTrigger.CancelJob);
        _machine.OnUnhandledTrigger((state, trigger) =>
            d.Refuse(WorkflowErrorCodes.UnexpectedEvent, $"a job in state {state} does not take {trigger}"));

        _machine.Configure(JobState.Pending)
            .Permit(JobTrigger.JobStarted, JobState.Fetching);

        // The running states: results and timers of the running attempt move the job; others are stale.
        foreach (var running in (JobState[])[JobState.Fetching, JobState.Building, JobState.Publishing])
        {
            _machine.Configure(running)
                .InternalTransitionIf(_succeeded, m => OfSuccess(d, m) == Outcome.Refuse, (m, _) => RefuseForged(d, m), "forged outputs")
                .InternalTransitionIf(_succeeded, m => OfSuccess(d, m) == Outcome.RecordIgnored, (m, _) => RecordIgnored(d, m, "StageSucceeded"), "stale attempt")
                .InternalTransitionIf(_failed, m => OfFailure(d, m) == Outcome.RecordIgnored, (m, _) => RecordIgnored(d, m, "StageFailed"), "stale attempt")
                .InternalTransitionIf(_failed, m => OfFailure(d, m) == Outcome.Retry, (m, _) => actions.ScheduleRetry(d, m.Stage, m.Error, "StageFailed"), "retryable, attempts left")
                .PermitIf(_failed, JobState.Cancelled, m => OfFailure(d, m) == Outcome.Supersede, "superseded")
                .PermitIf(_failed, JobState.Failed, m => OfFailure(d, m) == Outcome.Fail, "final failure")
                .IgnoreIf(_deadline, m => OfDeadline(d, m) == Outcome.Ignore, "stale timer")
                .InternalTransitionIf(_deadline, m => OfDeadline(d, m) == Outcome.Retry, (m, _) => actions.ScheduleRetry(d, m.Stage, TimedOut(job, m), "StageTimedOut"), "timed out, attempts left")
                .PermitIf(_deadline, JobState.Failed, m => OfDeadline(d, m) == Outcome.Fail, "timed out, no attempts left")
                .IgnoreIf(_retryDue, m => OfRetryDue(d, m) == Outcome.Ignore, "stale timer")
                .InternalTransitionIf(_retryDue, m => OfRetryDue(d, m) == Outcome.Restart, (m, _) => actions.StartRetry(d, m), "backoff over")
                .InternalTransitionIf(_retryJob, m => OfActiveRetry(d, m) == Outcome.Refuse, (m, _) => d.Refuse(WorkflowErrorCodes.NotRetryable, ActiveRetryProblem(d, m)!), "attempt still running")
                .InternalTransitionIf(_retryJob, m => OfActiveRetry(d, m) == Outcome.Restart, (m, _) => actions.RestartOpenStage(d, m), "operator retry")
                .Permit(JobTrigger.CancelJob, JobState.Cancelled);
        }

        // The running attempt succeeded: on to the next stage. Only a Build result can meet a newer published release.
        _machine.Configure(JobState.Fetching)
            .OnEntryFrom(_started, m => actions.Start(d, m), "start fetch")
            .OnEntryFrom(_retryJob, m => actions.Redrive(d, m), "redrive")
            .PermitIf(_succeeded, JobState.Building, m => OfSuccess(d, m) == Outcome.Advance, "fetched");
        _machine.Configure(JobState.Building)
            .OnEntryFrom(_succeeded, m => actions.Advance(d, m, StageName.Build), "start build")
            .OnEntryFrom(_retryJob, m => actions.Redrive(d, m), "redrive")
            .PermitIf(_succeeded, JobState.Publishing, m => OfSuccess(d, m) == Outcome.Advance, "built")
            .PermitIf(_succeeded, JobState.Cancelled, m => OfSuccess(d, m) == Outcome.Supersede, "superseded");
        _machine.Configure(JobState.Publishing)
            .OnEntryFrom(_succeeded, m => actions.Advance(d, m, StageName.Publish), "start publish")
            .OnEntryFrom(_retryJob, m => actions.Redrive(d, m), "redrive")
            .PermitIf(_succeeded, JobState.Succeeded, m => OfSuccess(d, m) == Outcome.Advance, "published");

        // Ended jobs: late results are kept in the history, timers are stale, only a retry re-opens them.
        foreach (var ended in (JobState[])[JobState.Succeeded, JobState.Failed, JobState.Cancelled])
        {
            _machine.Configure(ended)
                .InternalTransitionIf(_succeeded, m => OfSuccess(d, m) == Outcome.Refuse, (m, _) => RefuseForged(d, m), "forged outputs")
                .InternalTransitionIf(_succeeded, m => OfSuccess(d, m) != Outcome.Refuse, (m, _) => RecordIgnored(d, m, "StageSucceeded"), "late result")
                .InternalTransitionIf(_failed, Always, (m, _) => RecordIgnored(d, m, "StageFailed"), "late result")
                .Ignore(JobTrigger.StageDeadlineDue)
                .Ignore(JobTrigger.RetryDue)
                .InternalTransitionIf(_cancelJob, Always, (_, _) => d.Refuse(WorkflowErrorCodes.AlreadyTerminal, $"the job has already ended {job.CurrentState}"), "already ended");
        }

        _machine.Configure(JobState.Succeeded)
            .OnEntryFrom(_succeeded, m => actions.Advance(d, m, null), "record release")
            .InternalTransitionIf(_retryJob, Always, (_, _) => d.Refuse(WorkflowErrorCodes.NotRetryable, "the job succeeded; upload again to rebuild"), "succeeded: upload again");
        _machine.Configure(JobState.Failed)
            .OnEntryFrom(_failed, m => FailJob(d, m.Stage, m.Error, "StageFailed"), "fail job")
            .OnEntryFrom(_deadline, m => FailJob(d, m.Stage, TimedOut(job, m), "StageTimedOut"), "fail job");
        _machine.Configure(JobState.Cancelled)
            .OnEntryFrom(_succeeded, m => Supersede(d, m), "cancel")
            .OnEntryFrom(_failed, m => Cancel(d, "StageFailed", m.Error.Message), "cancel")
            .OnEntryFrom(_cancelJob, _ => Cancel(d, "CancelJob", "cancelled by operator"), "cancel");
        foreach (var redrivable in (JobState[])[JobState.Failed, JobState.Cancelled])
        {
            _machine.Configure(redrivable)
                .InternalTransitionIf(_retryJob, m => RedriveTo(d, m) is null, (m, _) => d.Refuse(WorkflowErrorCodes.NotRetryable, RedriveProblem(d, m)!), "cannot redrive")
                .PermitIf(_retryJob, JobState.Fetching, m => RedriveTo(d, m) == JobState.Fetching, "redrive fetch")
                .PermitIf(_retryJob, JobState.Building, m => RedriveTo(d, m) == JobState.Building, "redrive build")
                .PermitIf(_retryJob, JobState.Publishing, m => RedriveTo(d, m) == JobState.Publishing, "redrive publish");
        }
    }

    /// <summary>The table as Stateless reflects it (states, triggers, destinations), for tests and tools.</summary>
    public StateMachineInfo Info => _machine.GetInfo();

    /// <summary>Applies one event to the decision's job (in place); the decision then says what it did.</summary>
    public void Apply(IJobMessage message)
    {
        switch (message)
        {
            case JobStarted m: _machine.Fire(_started, m); break;
            case StageSucceeded m: _machine.Fire(_succeeded, m); break;
            case StageFailed m: _machine.Fire(_failed, m); break;
            case StageDeadlineDue m: _machine.Fire(_deadline, m); break;
            case RetryDue m: _machine.Fire(_retryDue, m); break;
            case RetryJob m: _machine.Fire(_retryJob, m); break;
            case CancelJob m: _machine.Fire(_cancelJob, m); break;
            default: throw new ArgumentException($"the job machine takes no {message.GetType().Name}", nameof(message));
        }
    }

    /// <summary>Stateless's Mermaid <c>stateDiagram-v2</c> of the table.</summary>
    public string ToMermaid() => MermaidGraph.Format(_machine.GetInfo());

    /// <summary>Stateless's UML DOT graph of the table.</summary>
    public string ToDot() => UmlDotGraph.Format(_machine.GetInfo());

    /// <summary>The guard of a trigger's only row in a state, so the diagram can name the row.</summary>
    private static bool Always<T>(T _) => true;

    private static void RefuseForged(JobDecision decision, StageSucceeded message) =>
        decision.Refuse(WorkflowErrorCodes.OutputsRejected, OutputsProblem(decision.Job, message)!);
}
