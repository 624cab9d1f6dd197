using System.Globalization;
using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Contracts.Retry;
using Orchestrator.Workflow.Engine;
using Orchestrator.Workflow.Journal;
using Orchestrator.Workflow.Policy;

namespace Orchestrator.Workflow.Machine;

/// <summary>
/// What the rows of <see cref="JobMachine"/> test and do, as small pure functions of the decision and the event.
/// No clock (the coordinator stamps <see cref="JobDecision.Now"/>), no I/O (commands go to <see cref="JobDecision.Outbox"/>),
/// no random ids (message ids are derived from job, stage and attempt).
/// </summary>
public sealed class JobActions(CoordinatorOptions options, IJitterSource jitter)
{
    public const string DeadlineKind = "deadline";

    public const string RetryKind = "retry";

    public const string RequestKind = "request";

    private static readonly StageName[] Order = [StageName.Fetch, StageName.Build, StageName.Publish];

    // ---- conditions ----

    /// <summary>The result or timer belongs to the attempt that is running now.</summary>
    public static bool IsCurrentRunning(JobInstance job, IStageMessage message) =>
        job.Stage(message.Stage) is { State: StageState.Running } stage && stage.Attempt == message.Attempt;

    /// <summary>The retry timer belongs to the failed attempt that is waiting for it.</summary>
    public static bool IsWaitingForRetry(JobInstance job, IStageMessage message) =>
        job.Stage(message.Stage) is { State: StageState.Failed, NextRetryAt: not null } stage && stage.Attempt == message.Attempt;

    public static bool HasAttemptsLeft(JobInstance job, StageName stage) => job.Stage(stage) is var s && s.Attempt < s.MaxAttempts;

    /// <summary>A newer upload of the site is already published: this job must not publish over it.</summary>
    public static bool IsSuperseded(JobDecision decision) => decision.NewestPublishedSiteSequence > decision.Job.SiteSequence;

    /// <summary>The first stage that has not succeeded: the one running (or failed) now.</summary>
    public static StageName? OpenStage(JobInstance job) =>
        job.Stages.FirstOrDefault(s => s.State != StageState.Succeeded)?.Name;

    /// <summary>Why the result's outputs are not what this job's stage attempt writes (<see cref="StageOutputRules"/>), or null.</summary>
    public static string? OutputsProblem(JobInstance job, StageSucceeded message) =>
        StageOutputRules.Problem(job.JobId, message.Stage, message.Attempt, message.Outputs) is { } problem
            ? $"{Lower(message.Stage)} attempt {message.Attempt} result refused: {problem}"
            : null;

    /// <summary>Why an operator's retry of a running job is refused, or null when it may start a new attempt now.</summary>
    public static string? ActiveRetryProblem(JobDecision decision, RetryJob message)
    {
        var job = decision.Job;
        var open = OpenStage(job) ?? StageName.Publish;
        var stage = job.Stage(open);
        if (message.Stage is { } named && named != open)
        {
            return $"the job is running {Lower(open)}; cancel it before retrying {Lower(named)}";
        }

        return stage.State == StageState.Running && stage.DeadlineAt > decision.Now
            ? $"{Lower(open)} attempt {stage.Attempt} is running until its deadline {stage.DeadlineAt:O}"
            : null;
    }

    /// <summary>The stage a redrive of a Failed or Cancelled job re-runs: the named one, or the one that stopped.</summary>
    public static StageName RedriveTarget(JobInstance job, RetryJob message) => message.Stage ?? OpenStage(job) ?? StageName.Publish;

    /// <summary>Why a redrive is refused, or null when it can run.</summary>
    public static string? RedriveProblem(JobDecision decision, RetryJob message)
    {
        var job = decision.Job;
        if (OpenStage(job) is not { } open)
        {
            return "every stage of the job has succeeded";
        }

        var target = RedriveTarget(job, message);
        if (target > open)
        {
            return $"{Lower(target)} cannot run before {Lower(open)} has succeeded";
        }

        return target == StageName.Publish && IsSuperseded(decision)
            ? $"a newer upload of site {job.Site} (sequence {decision.NewestPublishedSiteSequence}) is already published"
            : null;
    }

    // ---- outcomes: each trigger's rows in JobMachine take one of these, so they cannot overlap ----

    /// <summary>A stage's success report: forged, stale, superseded (only while Building), or the running attempt's.</summary>
    public static Outcome OfSuccess(JobDecision decision, StageSucceeded message) =>
        OutputsProblem(decision.Job, message) is not null ? Outcome.Refuse
        : !IsCurrentRunning(decision.Job, message) ? Outcome.RecordIgnored
        : JobDocuments.StateOf(decision.Job) == JobState.Building && IsSuperseded(decision) ? Outcome.Supersede
        : Outcome.Advance;

    /// <summary>A stage's failure report: stale, superseded (Publish saw a newer release), retried, or the end of the job.</summary>
    public static Outcome OfFailure(JobDecision decision, StageFailed message) =>
        !IsCurrentRunning(decision.Job, message) ? Outcome.RecordIgnored
        : message.Error.Code == WorkflowErrorCodes.Superseded ? Outcome.Supersede
        : message.Error.Retryable && HasAttemptsLeft(decision.Job, message.Stage) ? Outcome.Retry
        : Outcome.Fail;

    /// <summary>A stage deadline: stale, or the running attempt timed out (retried while attempts are left).</summary>
    public static Outcome OfDeadline(JobDecision decision, StageDeadlineDue message) =>
        !IsCurrentRunning(decision.Job, message) ? Outcome.Ignore
        : HasAttemptsLeft(decision.Job, message.Stage) ? Outcome.Retry
        : Outcome.Fail;

    /// <summary>A retry timer: stale, or the backoff of the waiting attempt is over.</summary>
    public static Outcome OfRetryDue(JobDecision decision, RetryDue message) =>
        IsWaitingForRetry(decision.Job, message) ? Outcome.Restart : Outcome.Ignore;

    /// <summary>An operator's retry of a running job: refused while the attempt runs within its deadline.</summary>
    public static Outcome OfActiveRetry(JobDecision decision, RetryJob message) =>
        ActiveRetryProblem(decision, message) is null ? Outcome.Restart : Outcome.Refuse;

    /// <summary>Where an operator's retry of a Failed or Cancelled job leads; null when it is refused (<see cref="RedriveProblem"/>).</summary>
    public static JobState? RedriveTo(JobDecision decision, RetryJob message) =>
        RedriveProblem(decision, message) is not null ? null
        : RedriveTarget(decision.Job, message) switch
        {
            StageName.Fetch => JobState.Fetching,
            StageName.Build => JobState.Building,
            _ => JobState.Publishing,
        };

    // ---- activities ----

    public void Start(JobDecision decision, JobStarted message)
    {
        var job = decision.Job;
        job.JobId = message.JobId;
        job.Site = message.Site;
        job.Source = message.Source;
        job.SiteSequence = message.SiteSequence;
        job.CreatedAt = decision.Now;
        job.Stages = [.. Order.Select(name => new StageRecord
        {
            Name = name,
            State = StageState.Pending,
            MaxAttempts = options.For(name).Retry.MaxAttempts,
        })];
        decision.Record("JobStarted", $"upload {message.Source.Key} (site {message.Site}, site sequence {message.SiteSequence})");
        StartAttempt(decision, StageName.Fetch);
    }

    /// <summary>Starts the next attempt of <paramref name="name"/>: its request and its deadline go to the outbox.</summary>
    public void StartAttempt(JobDecision decision, StageName name)
    {
        var job = decision.Job;
        var stage = job.Stage(name);
        var timeout = options.For(name).Timeout;
        stage.Attempt++;
        stage.MaxAttempts = Math.Max(stage.MaxAttempts, stage.Attempt);
        stage.State = StageState.Running;
        stage.StartedAt = decision.Now;
        stage.FinishedAt = null;
        stage.NextRetryAt = null;
        stage.Error = null;
        stage.Outputs = new(StringComparer.Ordinal);
        stage.DeadlineAt = decision.Now + timeout;

        var requestId = MessageId(job.JobId, name, stage.Attempt, RequestKind);
        IMessage request = name switch
        {
            StageName.Fetch => new FetchRequested(requestId, job.JobId, job.Site, stage.Attempt, job.Source!),
            StageName.Build => new BuildRequested(requestId, job.JobId, job.Site, stage.Attempt, InputsBefore(job, name)),
            _ => new PublishRequested(requestId, job.JobId, job.Site, stage.Attempt, job.SiteSequence, InputsBefore(job, name)),
        };
        decision.Outbox.Add(MessageCodec.ToOutbox(ToDestination(name), request, null));
        decision.Outbox.Add(MessageCodec.ToOutbox(
            Destination.Coordinator,
            new StageDeadlineDue(MessageId(job.JobId, name, stage.Attempt, DeadlineKind), job.JobId, name, stage.Attempt),
            stage.DeadlineAt));
    }

    /// <summary>The running attempt succeeded: its outputs are kept, and <paramref name="next"/> starts (none: the release is recorded).</summary>
    public void Advance(JobDecision decision, StageSucceeded message, StageName? next)
    {
        Complete(decision, message);
        if (next is { } stage)
        {
            StartAttempt(decision, stage);
        }
        else
        {
            Release(decision.Job);
        }
    }

    /// <summary>A Build result arrived after a newer upload of the site was published: kept, and the job stops there.</summary>
    public static void Supersede(JobDecision decision, StageSucceeded message)
    {
        Complete(decision, message);
        Cancel(decision, "StageSucceeded", SupersededReason(decision));
    }

    /// <summary>Marks the current attempt failed and schedules the next one after the jittered backoff.</summary>
    public void ScheduleRetry(JobDecision decision, StageName name, StageError error, string eventName)
    {
        var job = decision.Job;
        var stage = job.Stage(name);
        var delay = Backoff.Delay(options.For(name).Retry, stage.Attempt, jitter.NextUnit());
        Fail(decision, stage, error);
        stage.NextRetryAt = decision.Now + delay;
        decision.Outbox.Add(MessageCodec.ToOutbox(
            Destination.Coordinator,
            new RetryDue(MessageId(job.JobId, name, stage.Attempt, RetryKind), job.JobId, name, stage.Attempt),
            stage.NextRetryAt));
        decision.Record(eventName, $"{Lower(name)} attempt {stage.Attempt} failed ({error.Code}: {error.Message}); retry {stage.Attempt + 1} of {stage.MaxAttempts} after {delay.TotalSeconds:0.###} s");
    }

    /// <summary>Fails the stage and with it the job.</summary>
    public static void FailJob(JobDecision decision, StageName name, StageError error, string eventName)
    {
        var job = decision.Job;
        var stage = job.Stage(name);
        Fail(decision, stage, error);
        var why = error.Retryable ? $"after {stage.Attempt} of {stage.MaxAttempts} attempts" : "not retryable";
        job.Reason = $"{Lower(name)} failed ({error.Code}: {error.Message}); {why}";
        decision.Record(eventName, job.Reason);
    }

    public static StageError TimedOut(JobInstance job, StageDeadlineDue message) =>
        new(WorkflowErrorCodes.StageTimedOut, $"{Lower(message.Stage)} attempt {message.Attempt} did not report by its deadline {job.Stage(message.Stage).DeadlineAt:O}", true);

    /// <summary>Stops the job where it stands: the open stage is Cancelled, its timers become stale.</summary>
    public static void Cancel(JobDecision decision, string eventName, string reason)
    {
        var job = decision.Job;
        if (OpenStage(job) is { } open)
        {
            var stage = job.Stage(open);
            stage.State = StageState.Cancelled;
            stage.FinishedAt = decision.Now;
            stage.DeadlineAt = null;
            stage.NextRetryAt = null;
        }

        job.Reason = reason;
        decision.Record(eventName, reason);
    }

    /// <summary>The backoff of a failed attempt is over: the next attempt starts.</summary>
    public void StartRetry(JobDecision decision, RetryDue message)
    {
        decision.Record("RetryDue", $"{Lower(message.Stage)} attempt {message.Attempt + 1} starts after the backoff");
        StartAttempt(decision, message.Stage);
    }

    /// <summary>Operator retry of a job that is still running: a new attempt of the open stage, now.</summary>
    public void RestartOpenStage(JobDecision decision, RetryJob message)
    {
        var job = decision.Job;
        var open = OpenStage(job) ?? StageName.Publish;
        decision.Record("RetryJob", $"operator retry of {Lower(open)} (attempt {job.Stage(open).Attempt} stopped)");
        StartAttempt(decision, open);
    }

    /// <summary>
    /// Re-runs a Failed or Cancelled job from <see cref="RedriveTarget"/>: stages before it keep their outputs (the
    /// new request carries them as inputs), the target and later stages start over with a new attempt budget.
    /// </summary>
    public void Redrive(JobDecision decision, RetryJob message)
    {
        var job = decision.Job;
        var target = RedriveTarget(job, message);
        foreach (var stage in job.Stages.Where(s => s.Name >= target))
        {
            stage.State = StageState.Pending;
            stage.StartedAt = null;
            stage.FinishedAt = null;
            stage.DeadlineAt = null;
            stage.NextRetryAt = null;
            stage.Error = null;
            stage.Outputs = new(StringComparer.Ordinal);
        }

        var redriven = job.Stage(target);
        redriven.MaxAttempts = redriven.Attempt + options.For(target).Retry.MaxAttempts;
        job.Reason = null;
        job.Release = null;
        decision.Record("RetryJob", $"redrive from {Lower(target)} (attempt {redriven.Attempt + 1}), reusing the outputs of earlier stages");
        StartAttempt(decision, target);
    }

    /// <summary>A result that is not for the running attempt: kept in the history, otherwise ignored.</summary>
    public static void RecordIgnored(JobDecision decision, IStageMessage message, string eventName)
    {
        var job = decision.Job;
        var stage = job.Stage(message.Stage);
        decision.Record(eventName, $"ignored: {Lower(message.Stage)} attempt {message.Attempt} is not current (stage {stage.State}, attempt {stage.Attempt}, job {job.CurrentState})");
    }

    public static string Lower(StageName stage) => ObjectKeys.Lower(stage);

    private static void Complete(JobDecision decision, StageSucceeded message)
    {
        var stage = decision.Job.Stage(message.Stage);
        stage.State = StageState.Succeeded;
        stage.FinishedAt = decision.Now;
        stage.DeadlineAt = null;
        stage.Outputs = new(message.Outputs, StringComparer.Ordinal);
        decision.Record("StageSucceeded", $"{Lower(message.Stage)} attempt {message.Attempt} succeeded");
    }

    private static void Release(JobInstance job)
    {
        var outputs = job.Stage(StageName.Publish).Outputs;
        job.Release = new ReleaseInfo(
            outputs.GetValueOrDefault(StageOutputKeys.Url, ""),
            Count(outputs, StageOutputKeys.Files),
            Count(outputs, StageOutputKeys.Uploaded),
            Count(outputs, StageOutputKeys.Skipped));
    }

    private static string SupersededReason(JobDecision decision) =>
        $"superseded: a newer upload of site {decision.Job.Site} (site sequence {decision.NewestPublishedSiteSequence}) is already published; "
        + $"this job (site sequence {decision.Job.SiteSequence}) will not publish over it";

    private static void Fail(JobDecision decision, StageRecord stage, StageError error)
    {
        stage.State = StageState.Failed;
        stage.Error = error;
        stage.FinishedAt = decision.Now;
        stage.DeadlineAt = null;
        stage.NextRetryAt = null;
    }

    /// <summary>Every earlier stage's outputs, later stages winning on a shared name.</summary>
    private static Dictionary<string, string> InputsBefore(JobInstance job, StageName name)
    {
        var inputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var stage in job.Stages.Where(s => s.Name < name))
        {
            foreach (var (key, value) in stage.Outputs)
            {
                inputs[key] = value;
            }
        }

        return inputs;
    }

    /// <summary>
    /// The id of a message the machine emits: derived, never random, so a re-decided or re-sent command carries the
    /// same id and its receiver can drop the copy.
    /// </summary>
    public static string MessageId(string jobId, StageName stage, int attempt, string kind) => ObjectKeys.AttemptName(jobId, stage, attempt, kind);

    private static Destination ToDestination(StageName stage) => stage switch
    {
        StageName.Fetch => Destination.Fetch,
        StageName.Build => Destination.Build,
        _ => Destination.Publish,
    };

    private static int Count(Dictionary<string, string> outputs, string key) =>
        int.TryParse(outputs.GetValueOrDefault(key), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
