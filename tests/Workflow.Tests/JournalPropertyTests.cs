using FsCheck;
using FsCheck.Fluent;
using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.TestSupport;
using Orchestrator.Workflow.Engine;
using Orchestrator.Workflow.Journal;
using Orchestrator.Workflow.Tests.Support;

namespace Orchestrator.Workflow.Tests;

/// <summary>
/// Random event sequences (results for current, stale and future attempts, redeliveries, timers in any order, clock
/// jumps, operator cancels and retries, two coordinators with separate caches) over the real OSS client, then the
/// journal is checked against the coordinator's invariants.
/// </summary>
public class JournalPropertyTests(LocalOssFixture fixture) : IClassFixture<LocalOssFixture>
{
    private static int _cases;

    [Fact]
    public void HandleAsync_RandomEventSequences_KeepJournalInvariants()
    {
        var sequences = Gen.Choose(1, 25).SelectMany(n => Gen.Choose(0, int.MaxValue).ArrayOf(n)).ToArbitrary();
        Prop.ForAll(sequences, codes => RunCaseAsync(codes).GetAwaiter().GetResult())
            .Check(Config.QuickThrowOnFailure.WithMaxTest(30));
    }

    private async Task RunCaseAsync(int[] codes)
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        var second = harness.Create(fixture.Oss.CreateClient());
        var job = await harness.StartJobAsync("prop", etag: $"case{Interlocked.Increment(ref _cases)}", cancellationToken: ct);
        var delivered = new List<IMessage>();
        foreach (var code in codes)
        {
            var coordinator = code / 7 % 2 == 0 ? harness.Coordinator : second;
            var message = Decode(code, job, delivered, harness);
            if (message is null)
            {
                continue;
            }

            delivered.Add(message);
            try
            {
                job = await coordinator.HandleAsync(message, ct) ?? job;
            }
            catch (OrchestratorException refusal) when (refusal.Code is WorkflowErrorCodes.NotRetryable or WorkflowErrorCodes.AlreadyTerminal)
            {
                // A refused operator command is an allowed outcome; the invariants below say it changed nothing.
            }
        }

        CheckInvariants(await harness.Journal.ReadAllAsync(job.JobId, ct), codes);
    }

    private static IMessage? Decode(int code, JobDocument job, List<IMessage> delivered, CoordinatorHarness harness)
    {
        var arg = code / 10;
        switch (code % 10)
        {
            case <= 3:
                var stage = code % 10 == 3
                    ? (StageName)(arg % 3)
                    : job.Stages.FirstOrDefault(s => s.State != StageState.Succeeded)?.Name ?? StageName.Publish;
                var attempt = Math.Max(1, job.Stages.Single(s => s.Name == stage).Attempt + (arg / 3 % 3) - 1);
                return (arg / 9 % 4) switch
                {
                    0 or 1 => harness.Success(job.JobId, stage, attempt),
                    2 => harness.Failure(job.JobId, stage, attempt, retryable: true),
                    _ => harness.Failure(job.JobId, stage, attempt, retryable: false),
                };
            case 4:
                return delivered.Count == 0 ? null : delivered[arg % delivered.Count];
            case 5 or 9:
                var timers = harness.Sender.All.Select(s => s.Message).Where(m => m is StageDeadlineDue or RetryDue).ToList();
                return timers.Count == 0 ? null : code % 10 == 9 ? timers[^1] : timers[arg % timers.Count];
            case 6:
                harness.Time.Advance(TimeSpan.FromMinutes(arg % 40));
                return null;
            case 7:
                return new CancelJob($"cancel-{code}", job.JobId);
            default:
                return new RetryJob($"retry-{code}", job.JobId, (arg % 4) switch { 0 => null, var n => (StageName)(n - 1) });
        }
    }

    private static void CheckInvariants(IReadOnlyList<JournalEntry> journal, int[] codes)
    {
        var context = $"codes [{string.Join(",", codes)}]";
        // The journal's sequence is contiguous from 1.
        Assert.True(journal.Select(e => e.Seq).SequenceEqual(Enumerable.Range(1, journal.Count).Select(i => (long)i)), "seq not contiguous: " + context);
        // A redelivered message changes nothing twice.
        Assert.True(journal.Select(e => e.MessageId).Distinct().Count() == journal.Count, "a message applied twice: " + context);
        for (var i = 0; i < journal.Count; i++)
        {
            var entry = journal[i];
            var build = entry.State.Stage(StageName.Build);
            // No Publish without a successful Build of the same job.
            if (entry.To == JobState.Publishing || entry.Outbox.Any(c => c.MessageType == nameof(PublishRequested)))
            {
                Assert.True(build.State == StageState.Succeeded, $"publish without build at seq {entry.Seq}: {context}");
            }

            if (i == 0)
            {
                continue;
            }

            var before = journal[i - 1];
            Assert.Equal(before.To, entry.From);
            // Attempts never decrease.
            foreach (var stage in entry.State.Stages)
            {
                Assert.True(stage.Attempt >= before.State.Stage(stage.Name).Attempt, $"{stage.Name} attempt went down at seq {entry.Seq}: {context}");
            }

            // A terminal job changes only by an explicit retry; anything else is history only.
            if (JobDocuments.IsTerminal(before.To) && entry.Event != "RetryJob")
            {
                Assert.Equal(before.To, entry.To);
                Assert.Equal(JobDocuments.From(before.State).Stages, JobDocuments.From(entry.State).Stages, StageComparer.Instance);
                Assert.Empty(entry.Outbox);
            }
        }
    }

    private sealed class StageComparer : IEqualityComparer<StageStatus>
    {
        public static readonly StageComparer Instance = new();

        public bool Equals(StageStatus? x, StageStatus? y) =>
            x is not null && y is not null && x with { Outputs = y.Outputs } == y && x.Outputs.OrderBy(p => p.Key).SequenceEqual(y.Outputs.OrderBy(p => p.Key));

        public int GetHashCode(StageStatus obj) => obj.Name.GetHashCode();
    }
}
