using FsCheck;
using FsCheck.Fluent;
using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Workflow.Engine;
using Orchestrator.Workflow.Graph;
using Orchestrator.Workflow.Machine;
using Orchestrator.Workflow.Tests.Support;
using Stateless;

namespace Orchestrator.Workflow.Tests;

/// <summary>
/// The transition table alone, no OSS: any job state a generator makes (consistent or not) and any event, and the
/// machine takes the event by at most one row (Stateless throws when two guards hold), lands where the table says,
/// and refuses the pairs the table does not name.
/// </summary>
public class JobMachineTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);

    [Fact]
    public void Apply_AnyJobStateAndEvent_OneRowAtMostAndWhereTheTableSays()
    {
        var cases = Gen.Choose(0, int.MaxValue).ArrayOf(16).ToArbitrary();
        Prop.ForAll(cases, codes => CheckCase(codes)).Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
    }

    [Theory]
    [InlineData(JobTrigger.StageSucceeded)]
    [InlineData(JobTrigger.StageFailed)]
    [InlineData(JobTrigger.StageDeadlineDue)]
    [InlineData(JobTrigger.RetryDue)]
    [InlineData(JobTrigger.RetryJob)]
    [InlineData(JobTrigger.CancelJob)]
    public void Apply_EventBeforeJobStarted_RefusedUnexpected(JobTrigger trigger)
    {
        var decision = new JobDecision(new JobInstance { JobId = "j" }, Now, 0);
        new JobMachine(decision, Actions()).Apply(Message(trigger, "j", StageName.Fetch, 1));
        Assert.Equal(WorkflowErrorCodes.UnexpectedEvent, decision.Refusal?.Code);
        Assert.Equal(JobState.Pending, JobDocuments.StateOf(decision.Job));
        Assert.Null(decision.RecordedEvent);
    }

    [Theory]
    [InlineData(JobState.Fetching)]
    [InlineData(JobState.Publishing)]
    [InlineData(JobState.Failed)]
    public void Apply_JobStartedTwice_RefusedUnexpected(JobState state)
    {
        var decision = new JobDecision(Job(state, StageState.Running), Now, 0);
        new JobMachine(decision, Actions()).Apply(Message(JobTrigger.JobStarted, "j", StageName.Fetch, 1));
        Assert.Equal(WorkflowErrorCodes.UnexpectedEvent, decision.Refusal?.Code);
        Assert.Equal(state, JobDocuments.StateOf(decision.Job));
    }

    [Theory]
    [InlineData(JobState.Succeeded, JobTrigger.StageDeadlineDue)]
    [InlineData(JobState.Failed, JobTrigger.RetryDue)]
    [InlineData(JobState.Cancelled, JobTrigger.StageDeadlineDue)]
    public void Apply_TimerOfEndedJob_IgnoredWithoutRecord(JobState state, JobTrigger trigger)
    {
        var decision = new JobDecision(Job(state, StageState.Failed), Now, 0);
        new JobMachine(decision, Actions()).Apply(Message(trigger, "j", StageName.Build, 1));
        Assert.Null(decision.Refusal);
        Assert.Null(decision.RecordedEvent);
        Assert.Empty(decision.Outbox);
        Assert.Equal(state, JobDocuments.StateOf(decision.Job));
    }

    /// <summary>What the property leans on: Stateless refuses to pick between two rows whose guards both hold.</summary>
    [Fact]
    public void Fire_TwoGuardsHold_StatelessThrows()
    {
        var machine = new StateMachine<JobState, JobTrigger>(JobState.Building);
        machine.Configure(JobState.Building)
            .PermitIf(JobTrigger.StageSucceeded, JobState.Publishing, () => true)
            .PermitIf(JobTrigger.StageSucceeded, JobState.Cancelled, () => true);
        Assert.Throws<InvalidOperationException>(() => machine.Fire(JobTrigger.StageSucceeded));
    }

    private static bool CheckCase(int[] codes)
    {
        var state = Pick(Enum.GetValues<JobState>(), codes[0]);
        var job = Job(state, StageState.Pending);
        for (var i = 0; i < job.Stages.Count; i++)
        {
            var stage = job.Stages[i];
            var code = codes[1 + i];
            stage.State = Pick(Enum.GetValues<StageState>(), code);
            stage.Attempt = code / 5 % 4;
            stage.MaxAttempts = Math.Max(stage.Attempt, 1) + (code / 20 % 2);
            stage.DeadlineAt = (code / 40 % 3) switch { 0 => null, 1 => Now.AddMinutes(-1), _ => Now.AddMinutes(5) };
            stage.NextRetryAt = code / 120 % 2 == 0 ? null : Now.AddSeconds(10);
        }

        var trigger = Pick(Enum.GetValues<JobTrigger>(), codes[4]);
        var message = Message(trigger, job.JobId, Pick(Enum.GetValues<StageName>(), codes[5]), codes[6] % 5, codes[7], codes[8]);
        var decision = new JobDecision(job, Now, codes[9] % 4);
        var before = JobDocuments.StateOf(job);
        new JobMachine(decision, Actions()).Apply(message);

        var after = JobDocuments.StateOf(job);
        var row = JobGraph.Definition.States.Single(s => Equals(s.UnderlyingState, before));
        var destinations = row.FixedTransitions.Where(t => Equals(t.Trigger.UnderlyingTrigger, trigger)).Select(t => (JobState)t.DestinationState.UnderlyingState).ToList();
        var ignored = row.IgnoredTriggers.Any(t => Equals(t.Trigger.UnderlyingTrigger, trigger));
        var context = $"{before} × {trigger} ({string.Join(",", codes)})";
        if (destinations.Count == 0 && !ignored)
        {
            Assert.True(decision.Refusal?.Code == WorkflowErrorCodes.UnexpectedEvent, "a pair the table does not name was taken: " + context);
        }
        else
        {
            Assert.True(decision.Refusal?.Code != WorkflowErrorCodes.UnexpectedEvent, "a pair of the table was refused as unexpected: " + context);
            Assert.True(after == before || destinations.Contains(after), $"moved to {after}, which the table does not name: " + context);
        }

        // A refusal or an ignored event changes nothing and emits nothing; a move always records what happened.
        Assert.True(decision.Refusal is null || (after == before && decision.RecordedEvent is null && decision.Outbox.Count == 0), "a refusal changed the job: " + context);
        Assert.True(after == before || decision.RecordedEvent is not null, "a move recorded no event: " + context);
        Assert.True(decision.Outbox.Count == 0 || decision.RecordedEvent is not null, "commands without a recorded event: " + context);
        return true;
    }

    private static IJobMessage Message(JobTrigger trigger, string jobId, StageName stage, int attempt, int variant = 0, int outputs = 0)
    {
        var id = $"m-{trigger}-{variant}";
        return trigger switch
        {
            JobTrigger.JobStarted => new JobStarted(id, jobId, "site", new SourceObject("b", "src/site/app.zip", "e", 1), 1),
            JobTrigger.StageSucceeded => new StageSucceeded(id, jobId, stage, attempt, outputs % 3 == 0
                ? new Dictionary<string, string> { [StageOutputKeys.Workspace] = ObjectKeys.Workspace("another-job") }
                : CoordinatorHarness.OutputsOf(jobId, stage, attempt)),
            JobTrigger.StageFailed => new StageFailed(id, jobId, stage, attempt, new StageError(
                variant % 3 == 0 ? WorkflowErrorCodes.Superseded : "Boom", "broke", Retryable: variant % 2 == 0)),
            JobTrigger.StageDeadlineDue => new StageDeadlineDue(id, jobId, stage, attempt),
            JobTrigger.RetryDue => new RetryDue(id, jobId, stage, attempt),
            JobTrigger.RetryJob => new RetryJob(id, jobId, (variant % 4) switch { 0 => null, var n => (StageName)(n - 1) }),
            _ => new CancelJob(id, jobId),
        };
    }

    private static JobInstance Job(JobState state, StageState stages) => new()
    {
        CurrentState = state == JobState.Pending ? "Initial" : state.ToString(),
        JobId = "j",
        Site = "site",
        Source = new SourceObject("b", "src/site/app.zip", "e", 1),
        SiteSequence = 2,
        Stages = [.. Enum.GetValues<StageName>().Select(name => new StageRecord { Name = name, State = stages, Attempt = 1, MaxAttempts = 3, DeadlineAt = Now.AddMinutes(1) })],
    };

    private static JobActions Actions() => new(CoordinatorHarness.DefaultOptions("bucket"), new FixedJitter(0.5));

    private static T Pick<T>(T[] values, int code) => values[code % values.Length];
}
