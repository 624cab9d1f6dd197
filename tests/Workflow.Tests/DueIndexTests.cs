using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Storage;
using Orchestrator.TestSupport;
using Orchestrator.Workflow.Journal;
using Orchestrator.Workflow.Tests.Support;

namespace Orchestrator.Workflow.Tests;

/// <summary>Sweeps scale with what is due (ARCHITECTURE.md §5): pending timers are indexed by due time.</summary>
public class DueIndexTests(LocalOssFixture fixture) : IClassFixture<LocalOssFixture>
{
    [Fact]
    public async Task SweepAsync_ThousandActiveTenDue_ReadsOnlyTheDueJobs()
    {
        var ct = TestTimeout.Token(240);
        await using var oss = await LocalOss.StartAsync(cancellationToken: ct);
        var harness = new CoordinatorHarness(oss);
        var due = await StartJobsAsync(harness, "due", 10, ct);
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        var waiting = await StartJobsAsync(harness, "waiting", 990, ct);
        harness.Time.Advance(TimeSpan.FromMinutes(5));

        var counting = new CountingStore(oss.Store);
        harness.Options.SafetyNetSlice = 50;
        var sweeper = harness.Create(counting);
        await harness.SweepAsync(ct, sweeper);

        foreach (var jobId in due)
        {
            Assert.Equal(WorkflowErrorCodes.StageTimedOut, (await harness.ReadHeadAsync(jobId, ct)).Stages[0].Error?.Code);
        }

        var calls = counting.Calls;
        var dueSet = due.ToHashSet(StringComparer.Ordinal);
        // Journals are read (listed, fetched) for the due jobs only.
        var journalReads = calls.Where(c => c.Operation is "GET" or "LIST" && c.Key.Contains("/journal/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(journalReads);
        Assert.All(journalReads, c => Assert.Contains(JobOf(c.Key), dueSet));
        // The due index is listed once; the safety net lists one slice of the active index and checks only that slice.
        Assert.Single(calls, c => c.Operation == "LIST" && c.Key == ObjectKeys.DuePrefix);
        Assert.Single(calls, c => c.Operation == "LIST" && c.Key == WorkflowKeys.ActivePrefix);
        var notDue = calls.Where(c => c.Key.StartsWith(ObjectKeys.JobsPrefix, StringComparison.Ordinal) && !dueSet.Contains(JobOf(c.Key))).ToList();
        Assert.True(notDue.Count <= 2 * harness.Options.SafetyNetSlice, $"{notDue.Count} requests touched jobs that were not due");
        Assert.All(notDue, c => Assert.Equal("HEAD", c.Operation));
        Assert.True(calls.Count < 400, $"a sweep of 10 due jobs among 1,000 made {calls.Count} requests");
        Assert.Equal(1000, due.Count + waiting.Count);
    }

    [Fact]
    public async Task SweepAsync_TwoSweepsAtOnce_FireEveryTimerOnceAndLoseNone()
    {
        var ct = TestTimeout.Token(120);
        var harness = new CoordinatorHarness(fixture.Oss);
        var jobs = await StartJobsAsync(harness, "twice", 20, ct);
        var a = harness.Create(fixture.Oss.CreateClient());
        var b = harness.Create(fixture.Oss.CreateClient());

        harness.Time.Advance(harness.Options.Fetch.Timeout);
        await Task.WhenAll(harness.SweepAsync(ct, a), harness.SweepAsync(ct, b));
        foreach (var jobId in jobs)
        {
            var journal = await harness.Journal.ReadAllAsync(jobId, ct);
            Assert.Single(journal, e => e.Event == "StageTimedOut");
        }

        // Every retry the first sweeps scheduled is still indexed: the next concurrent sweeps start each attempt 2 once.
        harness.Time.Advance(harness.Options.Fetch.Retry.MaxDelay);
        await Task.WhenAll(harness.SweepAsync(ct, a), harness.SweepAsync(ct, b));
        foreach (var jobId in jobs)
        {
            var journal = await harness.Journal.ReadAllAsync(jobId, ct);
            Assert.Single(journal, e => e.Event == "RetryDue");
            Assert.Equal((StageState.Running, 2), ((await harness.ReadHeadAsync(jobId, ct)).Stages[0].State, (await harness.ReadHeadAsync(jobId, ct)).Stages[0].Attempt));
            Assert.Equal(await ExpectedMarkerAsync(harness, jobId, StageName.Fetch, 2), await MarkersOfAsync(jobId, ct));
        }
    }

    [Fact]
    public async Task SweepAsync_CrashBetweenUploadCommitAndMarker_FoundBySafetyNetAndLaterSwept()
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        harness.Store.FailNextPut(key => key.StartsWith(ObjectKeys.DuePrefix, StringComparison.Ordinal));
        var upload = harness.Upload("crash-first-marker");
        await Assert.ThrowsAsync<IOException>(() => harness.SendAsync(upload, ct));
        var jobId = JobIds.FromSource(upload.Bucket, upload.Key, upload.ETag);
        Assert.Empty(await MarkersOfAsync(jobId, ct));

        await harness.SweepAsync(ct);
        Assert.Equal(JobState.Fetching, (await harness.ReadHeadAsync(jobId, ct)).State);
        Assert.Equal(await ExpectedMarkerAsync(harness, jobId, StageName.Fetch, 1), await MarkersOfAsync(jobId, ct));

        harness.Time.Advance(harness.Options.Fetch.Timeout);
        await harness.SweepAsync(ct);
        Assert.Equal(WorkflowErrorCodes.StageTimedOut, (await harness.ReadHeadAsync(jobId, ct)).Stages[0].Error?.Code);
    }

    [Fact]
    public async Task SweepAsync_CrashBetweenResultCommitAndMarker_RepairedAndNewTimerIndexed()
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        var job = await harness.StartJobAsync("crash-next-marker", cancellationToken: ct);
        var fetchMarker = await ExpectedMarkerAsync(harness, job.JobId, StageName.Fetch, 1);
        harness.Store.FailNextPut(key => key.StartsWith(ObjectKeys.DuePrefix, StringComparison.Ordinal));
        await Assert.ThrowsAsync<IOException>(() => harness.SendAsync(harness.Success(job.JobId, StageName.Fetch, 1), ct));
        // Committed, but neither the build's marker nor its request nor the head were written; the fetch marker stays.
        Assert.Equal(2, (await harness.Journal.ReadAllAsync(job.JobId, ct)).Count);
        Assert.Equal(fetchMarker, await MarkersOfAsync(job.JobId, ct));

        await harness.SweepAsync(ct);
        Assert.Equal(JobState.Building, (await harness.ReadHeadAsync(job.JobId, ct)).State);
        Assert.Single(harness.Sender.OfType<BuildRequested>(), b => b.JobId == job.JobId);
        Assert.Equal(await ExpectedMarkerAsync(harness, job.JobId, StageName.Build, 1), await MarkersOfAsync(job.JobId, ct));

        harness.Time.Advance(harness.Options.Build.Timeout);
        await harness.SweepAsync(ct);
        Assert.Equal(WorkflowErrorCodes.StageTimedOut, (await harness.ReadHeadAsync(job.JobId, ct)).Stages[1].Error?.Code);
    }

    [Fact]
    public async Task SweepAsync_JobFromBeforeTheDueIndex_MigratedThenSweptWhenDue()
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        var job = await harness.StartJobAsync("legacy", cancellationToken: ct);
        await MakeLegacyAsync(fixture.Oss, job.JobId, ct);
        var head = ObjectKeys.JobHead(job.JobId);

        await harness.SweepAsync(ct);
        Assert.Equal(await ExpectedMarkerAsync(harness, job.JobId, StageName.Fetch, 1), await MarkersOfAsync(job.JobId, ct));
        Assert.True((await fixture.Oss.Store.HeadAsync(fixture.Oss.Bucket, head, ct))!.Metadata.ContainsKey(JobJournal.DueIndexMetadata));

        harness.Time.Advance(harness.Options.Fetch.Timeout);
        await harness.SweepAsync(ct);
        Assert.Equal(WorkflowErrorCodes.StageTimedOut, (await harness.ReadHeadAsync(job.JobId, ct)).Stages[0].Error?.Code);
    }

    [Fact]
    public async Task SweepAsync_SafetyNet_WalksTheActiveIndexASliceATickAndComesRound()
    {
        var ct = TestTimeout.Token();
        await using var oss = await LocalOss.StartAsync(cancellationToken: ct);
        var harness = new CoordinatorHarness(oss);
        harness.Options.SafetyNetSlice = 2;
        var jobs = await StartJobsAsync(harness, "walk", 5, ct);
        foreach (var jobId in jobs)
        {
            await MakeLegacyAsync(oss, jobId, ct);
        }

        var indexed = new List<int>();
        for (var tick = 0; tick < 4; tick++)
        {
            await harness.SweepAsync(ct);
            var heads = await Task.WhenAll(jobs.Select(j => oss.Store.HeadAsync(oss.Bucket, ObjectKeys.JobHead(j), ct)));
            indexed.Add(heads.Count(h => h!.Metadata.ContainsKey(JobJournal.DueIndexMetadata)));
        }

        // Two more each tick; the third tick's slice ends the round, and the fourth starts it again.
        Assert.Equal([2, 4, 5, 5], indexed);
    }

    [Fact]
    public async Task HandleAsync_JobRunsToEnd_LeavesNoMarkerBehind()
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        var job = await harness.StartJobAsync("tidy", cancellationToken: ct);
        job = (await harness.SendAsync(harness.Failure(job.JobId, StageName.Fetch, 1, retryable: true), ct))!;
        Assert.Equal(await ExpectedMarkerAsync(harness, job.JobId, StageName.Fetch, 1, "retry"), await MarkersOfAsync(job.JobId, ct));

        job = (await harness.SendAsync(harness.Sender.Last<RetryDue>(), ct))!;
        await harness.RunToEndAsync(job, ct);

        Assert.Empty(await MarkersOfAsync(job.JobId, ct));
    }

    [Fact]
    public async Task SweepAsync_MarkersNoCoordinatorWrote_DeletedWithoutTouchingTheJob()
    {
        var ct = TestTimeout.Token();
        var harness = new CoordinatorHarness(fixture.Oss);
        var job = await harness.StartJobAsync("forged-markers", cancellationToken: ct);
        var past = harness.Time.GetUtcNow() - TimeSpan.FromMinutes(1);
        string[] forged =
        [
            ObjectKeys.DueMarker(past, ObjectKeys.AttemptName(job.JobId, StageName.Fetch, 7, "deadline")),
            ObjectKeys.DueMarker(past, ObjectKeys.AttemptName(job.JobId, StageName.Publish, 1, ObjectKeys.ResultKind)),
            ObjectKeys.DueMarker(past, ObjectKeys.AttemptName(new string('0', 32), StageName.Fetch, 1, "deadline")),
            ObjectKeys.DueMarker(past, $"{job.JobId}.fetch.1.explode"),
            ObjectKeys.DueMarker(past, "not-a-marker"),
            // (A key that sorts after every time is never listed, so it costs nothing and stays.)
            $"{ObjectKeys.DuePrefix}0-not-a-time/{job.JobId}.fetch.1.deadline",
        ];
        foreach (var key in forged)
        {
            using var empty = new MemoryStream();
            await fixture.Oss.Store.PutAsync(fixture.Oss.Bucket, key, empty, null, ct);
        }

        var entries = (await harness.Journal.ReadAllAsync(job.JobId, ct)).Count;
        await harness.SweepAsync(ct);

        foreach (var key in forged)
        {
            Assert.Null(await fixture.Oss.Store.HeadAsync(fixture.Oss.Bucket, key, ct));
        }

        Assert.Equal(entries, (await harness.Journal.ReadAllAsync(job.JobId, ct)).Count);
        Assert.Equal(await ExpectedMarkerAsync(harness, job.JobId, StageName.Fetch, 1), await MarkersOfAsync(job.JobId, ct));
    }

    /// <summary>Leaves the job as the coordinator did before the due index: no marker, no due-index field on its head.</summary>
    private static async Task MakeLegacyAsync(LocalOss oss, string jobId, CancellationToken cancellationToken)
    {
        var markers = await oss.Store.ListAsync(oss.Bucket, new ListRequest { Prefix = ObjectKeys.DuePrefix }, cancellationToken);
        foreach (var marker in markers.Objects.Where(o => o.Key.Contains($"/{jobId}.", StringComparison.Ordinal)))
        {
            await oss.Store.DeleteAsync(oss.Bucket, marker.Key, cancellationToken);
        }

        var head = ObjectKeys.JobHead(jobId);
        var legacy = (await oss.Store.HeadAsync(oss.Bucket, head, cancellationToken))!.Metadata.Where(m => m.Key != JobJournal.DueIndexMetadata).ToDictionary();
        await oss.Store.CopyAsync(oss.Bucket, head, oss.Bucket, head, new CopyOptions { ReplaceMetadata = true, Metadata = legacy, ContentType = "application/json" }, cancellationToken);
    }

    private static async Task<List<string>> StartJobsAsync(CoordinatorHarness harness, string label, int count, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(16);
        var started = await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                return (await harness.StartJobAsync($"{label}{i % 10}", etag: $"{label}-{i}", cancellationToken: cancellationToken)).JobId;
            }
            finally
            {
                gate.Release();
            }
        }));
        return [.. started];
    }

    /// <summary>The marker the attempt's timer must have, computed from the job's latest entry.</summary>
    private static async Task<List<string>> ExpectedMarkerAsync(CoordinatorHarness harness, string jobId, StageName stage, int attempt, string kind = "deadline")
    {
        var record = (await harness.Journal.ReadAllAsync(jobId, CancellationToken.None))[^1].State.Stage(stage);
        var due = kind == "deadline" ? record.DeadlineAt!.Value : record.NextRetryAt!.Value;
        return [ObjectKeys.DueMarker(due + harness.Options.SweepGrace, ObjectKeys.AttemptName(jobId, stage, attempt, kind))];
    }

    private static string JobOf(string key) => key.Split('/')[1];

    private async Task<List<string>> MarkersOfAsync(string jobId, CancellationToken cancellationToken)
    {
        var markers = new List<string>();
        var request = new ListRequest { Prefix = ObjectKeys.DuePrefix };
        while (true)
        {
            var page = await fixture.Oss.Store.ListAsync(fixture.Oss.Bucket, request, cancellationToken);
            markers.AddRange(page.Objects.Select(o => o.Key).Where(k => k.Contains($"/{jobId}.", StringComparison.Ordinal)));
            if (!page.IsTruncated || page.NextContinuationToken is null)
            {
                return markers;
            }

            request = request with { ContinuationToken = page.NextContinuationToken };
        }
    }
}
