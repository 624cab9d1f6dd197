using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Storage;

namespace Orchestrator.Workflow.Tests.Support;

/// <summary>
/// A saved bucket of jobs in mid-flight, written by an earlier version of the coordinator (<c>Golden/journal-v1</c>),
/// and the events that continue them. Replaying the events on the saved bucket must give the journal entries and sends
/// that version gave (<c>continuation.json</c>): journals already in OSS outlive any change to the machine.
/// </summary>
public static class GoldenJournal
{
    public const string SnapshotFile = "snapshot.json";

    public const string ContinuationFile = "continuation.json";

    /// <summary>Sites of the saved jobs: one in Building after a retried fetch, one Failed in Build, one Cancelled in Fetch.</summary>
    public static readonly string[] Sites = ["golden-a", "golden-b", "golden-c"];

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>What the earlier version did before the snapshot: today's coordinator, given the same events, must write the same objects.</summary>
    public static async Task<string[]> BeforeSnapshotAsync(CoordinatorHarness harness, CancellationToken cancellationToken)
    {
        var a = await harness.StartJobAsync(Sites[0], cancellationToken: cancellationToken);
        var b = await harness.StartJobAsync(Sites[1], cancellationToken: cancellationToken);
        var c = await harness.StartJobAsync(Sites[2], cancellationToken: cancellationToken);
        await harness.SendAsync(harness.Failure(a.JobId, StageName.Fetch, 1, retryable: true), cancellationToken);
        await harness.SendAsync(harness.Success(b.JobId, StageName.Fetch, 1), cancellationToken);
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        await harness.SendAsync(Retry(a.JobId, StageName.Fetch, 1), cancellationToken);
        await harness.SendAsync(harness.Success(a.JobId, StageName.Fetch, 2), cancellationToken);
        await harness.SendAsync(harness.Failure(b.JobId, StageName.Build, 1, retryable: false), cancellationToken);
        await harness.SendAsync(new CancelJob("golden-cancel", c.JobId), cancellationToken);
        return [a.JobId, b.JobId, c.JobId];
    }

    /// <summary>The events that continue the saved jobs: every kind the machine takes, in Running and ended states.</summary>
    public static async Task ContinueAsync(CoordinatorHarness harness, IReadOnlyList<string> jobIds, CancellationToken cancellationToken)
    {
        var (a, b, c) = (jobIds[0], jobIds[1], jobIds[2]);
        harness.Time.Advance(TimeSpan.FromMinutes(2));
        await harness.SendAsync(Ok(a, StageName.Build, 1, 1), cancellationToken);
        await harness.SendAsync(Ok(a, StageName.Build, 1, 2), cancellationToken);
        await harness.SendAsync(Ok(a, StageName.Publish, 1, 3), cancellationToken);
        await Refused(harness.SendAsync(new CancelJob("golden-late-cancel", a), cancellationToken));
        await Refused(harness.SendAsync(new RetryJob("golden-retry-a", a, null), cancellationToken));

        await harness.SendAsync(new RetryJob("golden-redrive-b", b, null), cancellationToken);
        harness.Time.Advance(TimeSpan.FromMinutes(31));
        await harness.SendAsync(Deadline(b, StageName.Build, 2), cancellationToken);
        await harness.SendAsync(Fail(b, StageName.Build, 2, 7), cancellationToken);
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        await harness.SendAsync(Retry(b, StageName.Build, 2), cancellationToken);
        await harness.SendAsync(Ok(b, StageName.Build, 3, 4), cancellationToken);
        await harness.SendAsync(Ok(b, StageName.Publish, 1, 5), cancellationToken);

        await harness.SendAsync(Ok(c, StageName.Fetch, 1, 6), cancellationToken);
        await Refused(harness.SendAsync(new RetryJob("golden-retry-c-build", c, StageName.Build), cancellationToken));
        await harness.SendAsync(new RetryJob("golden-redrive-c", c, null), cancellationToken);
        await harness.SendAsync(new CancelJob("golden-cancel-again", c), cancellationToken);
    }

    /// <summary>Every object of the bucket, its text and metadata.</summary>
    public static async Task<string> SnapshotAsync(IObjectStore store, string bucket, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var objects = new JsonArray();
        var page = await store.ListAsync(bucket, new ListRequest(), cancellationToken);
        foreach (var listed in page.Objects)
        {
            var head = await store.HeadAsync(bucket, listed.Key, cancellationToken) ?? throw new InvalidDataException(listed.Key);
            await using var content = await store.GetAsync(bucket, listed.Key, null, cancellationToken);
            using var reader = new StreamReader(content.Content, Encoding.UTF8);
            var metadata = new JsonObject();
            foreach (var (name, value) in head.Metadata.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                metadata[name] = value;
            }

            objects.Add(new JsonObject
            {
                ["key"] = listed.Key,
                ["contentType"] = head.ContentType,
                ["metadata"] = metadata,
                ["text"] = await reader.ReadToEndAsync(cancellationToken),
            });
        }

        return new JsonObject { ["now"] = now.ToString("O"), ["objects"] = objects }.ToJsonString(Indented);
    }

    /// <summary>
    /// The snapshot with the <c>correlationId</c> of every journal entry's state left out (MassTransit's saga key, written
    /// by the earlier version, read by nobody), so it compares with one written today.
    /// </summary>
    public static string WithoutCorrelationIds(string snapshot)
    {
        var root = JsonNode.Parse(snapshot)!.AsObject();
        foreach (var item in root["objects"]!.AsArray())
        {
            var text = item!["text"]!.GetValue<string>();
            item["text"] = Regex.Replace(text, "\"correlationId\":\"[0-9a-f-]{36}\",", "", RegexOptions.None, TimeSpan.FromSeconds(1));
        }

        return root.ToJsonString(Indented);
    }

    /// <summary>Puts a snapshot's objects into <paramref name="bucket"/>; returns the time it was taken at.</summary>
    public static async Task<DateTimeOffset> RestoreAsync(IObjectStore store, string bucket, string snapshot, CancellationToken cancellationToken)
    {
        var root = JsonNode.Parse(snapshot)!.AsObject();
        foreach (var item in root["objects"]!.AsArray())
        {
            var metadata = item!["metadata"]!.AsObject().ToDictionary(m => m.Key, m => m.Value!.GetValue<string>(), StringComparer.Ordinal);
            using var body = new MemoryStream(Encoding.UTF8.GetBytes(item["text"]!.GetValue<string>()), writable: false);
            await store.PutAsync(bucket, item["key"]!.GetValue<string>(), body, new PutOptions { ContentType = item["contentType"]?.GetValue<string>(), Metadata = metadata }, cancellationToken);
        }

        return DateTimeOffset.Parse(root["now"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The jobs' journal entries after <paramref name="afterSeq"/> and every send, as indented JSON. The state's
    /// <c>correlationId</c> (MassTransit's saga key, which no reader uses) is left out.
    /// </summary>
    public static async Task<string> DescribeAsync(CoordinatorHarness harness, IReadOnlyList<string> jobIds, IReadOnlyDictionary<string, long> afterSeq, CancellationToken cancellationToken)
    {
        var entries = new JsonArray();
        foreach (var jobId in jobIds)
        {
            foreach (var entry in await harness.Journal.ReadAllAsync(jobId, cancellationToken))
            {
                if (entry.Seq <= afterSeq.GetValueOrDefault(jobId))
                {
                    continue;
                }

                await using var content = await harness.Oss.Store.GetAsync(harness.Oss.Bucket, ObjectKeys.JournalEntry(jobId, entry.Seq), null, cancellationToken);
                var node = (await JsonNode.ParseAsync(content.Content, cancellationToken: cancellationToken))!.AsObject();
                node["state"]!.AsObject().Remove("correlationId");
                entries.Add(node);
            }
        }

        var sent = new JsonArray([.. harness.Sender.All.Select(s => (JsonNode)new JsonObject
        {
            ["destination"] = s.Destination.ToString(),
            ["type"] = s.Message.GetType().Name,
            ["messageId"] = s.Message.MessageId,
            ["delay"] = s.Delay.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        })]);
        return new JsonObject { ["entries"] = entries, ["sent"] = sent }.ToJsonString(Indented);
    }

    private static StageSucceeded Ok(string jobId, StageName stage, int attempt, int n) =>
        new($"golden-ok-{n}", jobId, stage, attempt, CoordinatorHarness.OutputsOf(jobId, stage, attempt));

    private static StageFailed Fail(string jobId, StageName stage, int attempt, int n) =>
        new($"golden-fail-{n}", jobId, stage, attempt, new StageError("Boom", $"{stage} attempt {attempt} broke", true));

    private static RetryDue Retry(string jobId, StageName stage, int attempt) =>
        new(ObjectKeys.AttemptName(jobId, stage, attempt, "retry"), jobId, stage, attempt);

    private static StageDeadlineDue Deadline(string jobId, StageName stage, int attempt) =>
        new(ObjectKeys.AttemptName(jobId, stage, attempt, "deadline"), jobId, stage, attempt);

    private static async Task Refused(Task send)
    {
        try
        {
            await send;
            throw new InvalidOperationException("the golden scenario expects this command to be refused");
        }
        catch (OrchestratorException refusal) when (refusal.Code is WorkflowErrorCodes.NotRetryable or WorkflowErrorCodes.AlreadyTerminal)
        {
            // Refusals write nothing; the continuation's entries show it.
        }
    }
}
