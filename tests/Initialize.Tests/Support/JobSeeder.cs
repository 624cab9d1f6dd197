using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Status;
using Orchestrator.Storage;

namespace Orchestrator.Functions.Initialize.Tests.Support;

/// <summary>
/// Writes jobs into the store the way the coordinator lays them out (ObjectKeys): head with x-oss-meta-*, index
/// entries, journal entries (with extra fields the API must not show), stage logs.
/// </summary>
internal sealed class JobSeeder(IObjectStore store, string bucket)
{
    public static readonly DateTimeOffset Epoch = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    public static JobDocument Job(string jobId, string site, JobState state, DateTimeOffset createdAt, StageName? failedStage = null)
    {
        var stages = new List<StageStatus>();
        foreach (var name in Enum.GetValues<StageName>())
        {
            var stageState = Stage(state, name, failedStage);
            stages.Add(new StageStatus
            {
                Name = name,
                State = stageState,
                Attempt = stageState == StageState.Pending ? 0 : 1,
                MaxAttempts = 3,
                StartedAt = stageState == StageState.Pending ? null : createdAt.AddSeconds(1 + (int)name * 10),
                FinishedAt = stageState is StageState.Succeeded or StageState.Failed ? createdAt.AddSeconds(9 + (int)name * 10) : null,
                Error = stageState == StageState.Failed ? new StageError("BuildScriptFailed", "npm run build exited with code 1", false) : null,
            });
        }

        return new JobDocument
        {
            JobId = jobId,
            Site = site,
            State = state,
            Source = new SourceObject("src-bucket", $"src/{site}/app.zip", "\"ABC\"", 1234),
            CreatedAt = createdAt,
            UpdatedAt = createdAt.AddSeconds(30),
            Stages = stages,
        };
    }

    public async Task PutJobAsync(JobDocument job, CancellationToken cancellationToken, bool indexed = true)
    {
        var current = job.Stages.LastOrDefault(s => s.State != StageState.Pending);
        var meta = new Dictionary<string, string>
        {
            ["state"] = job.State.ToString(),
            ["site"] = job.Site,
            ["seq"] = "3",
            ["updated"] = job.UpdatedAt.ToString("O", CultureInfo.InvariantCulture),
        };
        if (current is not null)
        {
            meta["stage"] = ObjectKeys.Lower(current.Name);
            meta["attempt"] = current.Attempt.ToString(CultureInfo.InvariantCulture);
        }

        await PutAsync(ObjectKeys.JobHead(job.JobId), JsonSerializer.Serialize(job, StatusJsonContext.Default.JobDocument), meta, cancellationToken);
        if (indexed)
        {
            var inverted = DateTimeOffset.MaxValue.UtcTicks - job.CreatedAt.UtcTicks;
            await PutAsync(ObjectKeys.JobIndexEntry(inverted, job.JobId), "", [], cancellationToken);
            await PutAsync(ObjectKeys.SiteJobIndexEntry(job.Site, inverted, job.JobId), "", [], cancellationToken);
        }
    }

    public async Task PutJournalAsync(string jobId, CancellationToken cancellationToken, params (string Event, JobState From, JobState To, string? Detail)[] entries)
    {
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = new HistoryEntry(i + 1, Epoch.AddSeconds(i), entries[i].Event, entries[i].From, entries[i].To, entries[i].Detail);
            var node = JsonNode.Parse(JsonSerializer.Serialize(entry, StatusJsonContext.Default.HistoryEntry))!.AsObject();
            // The coordinator's own fields beside the history ones: the API must not pass them on.
            node["commands"] = new JsonArray(JsonValue.Create("FetchRequested"));
            node["state"] = new JsonObject { ["secretish"] = "internal" };
            await PutAsync(ObjectKeys.JournalEntry(jobId, i + 1), node.ToJsonString(), [], cancellationToken);
        }
    }

    public Task PutLogAsync(string jobId, StageName stage, int attempt, string text, CancellationToken cancellationToken) =>
        PutAsync(ObjectKeys.StageLog(jobId, stage, attempt), text, [], cancellationToken);

    private async Task PutAsync(string key, string text, Dictionary<string, string> meta, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(Encoding.UTF8.GetBytes(text));
        await store.PutAsync(bucket, key, body, new PutOptions { Metadata = meta, ContentType = "application/json" }, cancellationToken);
    }

    private static StageState Stage(JobState job, StageName stage, StageName? failedStage) => job switch
    {
        JobState.Succeeded => StageState.Succeeded,
        JobState.Failed when stage < failedStage => StageState.Succeeded,
        JobState.Failed when stage == failedStage => StageState.Failed,
        JobState.Fetching => stage == StageName.Fetch ? StageState.Running : StageState.Pending,
        JobState.Building => stage switch { StageName.Fetch => StageState.Succeeded, StageName.Build => StageState.Running, _ => StageState.Pending },
        JobState.Publishing => stage == StageName.Publish ? StageState.Running : StageState.Succeeded,
        JobState.Cancelled when stage == StageName.Fetch => StageState.Succeeded,
        JobState.Cancelled when stage == StageName.Build => StageState.Cancelled,
        _ => StageState.Pending,
    };
}
