using Orchestrator.Contracts.Jobs;
using Orchestrator.TestSupport;
using Orchestrator.Workflow.Tests.Support;

namespace Orchestrator.Workflow.Tests;

/// <summary>
/// Journals outlive the code that wrote them: a bucket saved from an earlier coordinator (before the machine moved to
/// Stateless) is loaded and its jobs continued; the new entries and sends must be the ones that version made.
/// </summary>
public class JournalReplayTests
{
    [Fact]
    public async Task HandleAsync_JournalSavedByEarlierVersion_ContinuesAsThatVersionDid()
    {
        var ct = TestTimeout.Token();
        await using var oss = await LocalOss.StartAsync("golden", cancellationToken: ct);
        var saved = await File.ReadAllTextAsync(Golden(GoldenJournal.SnapshotFile), ct);
        var savedAt = await GoldenJournal.RestoreAsync(oss.Store, oss.Bucket, saved, ct);
        var harness = new CoordinatorHarness(oss);
        harness.Time.Advance(savedAt - CoordinatorHarness.Start);
        string[] jobIds = [.. GoldenJournal.Sites.Select(site => harness.Upload(site)).Select(u => JobIds.FromSource(u.Bucket, u.Key, u.ETag))];
        var before = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var jobId in jobIds)
        {
            before[jobId] = (await harness.Journal.ReadAllAsync(jobId, ct)).Count;
        }

        await GoldenJournal.ContinueAsync(harness, jobIds, ct);

        var expected = await File.ReadAllTextAsync(Golden(GoldenJournal.ContinuationFile), ct);
        Assert.Equal(expected.ReplaceLineEndings("\n"), await GoldenJournal.DescribeAsync(harness, jobIds, before, ct));
    }

    [Fact]
    public async Task HandleAsync_EventsOfTheSavedJournal_WriteWhatTheEarlierVersionWrote()
    {
        var ct = TestTimeout.Token();
        await using var oss = await LocalOss.StartAsync("golden", cancellationToken: ct);
        var harness = new CoordinatorHarness(oss);
        await GoldenJournal.BeforeSnapshotAsync(harness, ct);

        var saved = await File.ReadAllTextAsync(Golden(GoldenJournal.SnapshotFile), ct);
        var written = await GoldenJournal.SnapshotAsync(oss.Store, oss.Bucket, harness.Time.GetUtcNow(), ct);
        Assert.Equal(GoldenJournal.WithoutCorrelationIds(saved), GoldenJournal.WithoutCorrelationIds(written));
    }

    private static string Golden(string name) => Path.Combine(AppContext.BaseDirectory, "Golden", "journal-v1", name);
}
