using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;

namespace Orchestrator.Messaging.Tests.Support;

/// <summary>One filled-in instance of every message type that travels.</summary>
public static class SampleMessages
{
    private static readonly DateTimeOffset At = new(2026, 11, 21, 1, 2, 3, TimeSpan.Zero);

    public static IReadOnlyList<IMessage> All { get; } =
    [
        new FetchRequested("m-fetch", "job-1", "marketing", 1, new SourceObject("my-sites", "src/marketing/a b.zip", "63A1F4E0", 59537)),
        new BuildRequested("m-build", "job-1", "marketing", 2, new Dictionary<string, string> { ["workspace"] = "jobs/job-1/fetch/workspace.tar" }),
        new PublishRequested("m-publish", "job-1", "marketing", 1, 42, new Dictionary<string, string> { ["dist"] = "jobs/job-1/build/dist.tar" }),
        new StageSucceeded("m-ok", "job-1", StageName.Build, 2, new Dictionary<string, string> { ["dist"] = "k" }),
        new StageFailed("m-failed", "job-1", StageName.Publish, 3, new StageError("UploadFailed", "boom", Retryable: true)),
        new ObjectCreated("m-created", "ObjectCreated:PutObject", "my-sites", "src/marketing/release.zip", "63A1", 10, At),
        new JobStarted("m-started", "job-1", "marketing", new SourceObject("my-sites", "src/marketing/release.zip", "63A1", 10), 7),
        new StageDeadlineDue("m-deadline", "job-1", StageName.Build, 2),
        new RetryDue("m-retry-due", "job-1", StageName.Fetch, 1),
        new SweepDue("m-sweep", At),
        new RetryJob("m-retry", "job-1", StageName.Fetch),
        new RetryJob("m-retry-any", "job-1", null),
        new CancelJob("m-cancel", "job-1"),
        new RollbackRequested("m-rollback", "marketing", "job-0"),
        new RollbackRequested("m-rollback-prev", "marketing", null),
        new JobStatusRequested("m-status", "job-1"),
    ];

    public static TheoryData<int> Indexes()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < All.Count; i++)
        {
            data.Add(i);
        }

        return data;
    }
}
