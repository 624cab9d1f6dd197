using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Storage.Results;
using Orchestrator.Storage;
using Orchestrator.TestSupport;
using Orchestrator.Workflow.Engine;
using Orchestrator.Workflow.Journal;
using Orchestrator.Workflow.Machine;
using Orchestrator.Workflow.Policy;

namespace Orchestrator.Workflow.Tests.Support;

/// <summary>
/// A coordinator over the real OSS client against the local OSS server, with a recorded outbound port and a manual
/// clock. Plays the stage functions: <see cref="RunToEndAsync"/> answers each request with success.
/// </summary>
public sealed class CoordinatorHarness
{
    public static readonly DateTimeOffset Start = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private int _messages;

    public CoordinatorHarness(LocalOss oss, CoordinatorOptions? options = null, IObjectStore? store = null)
    {
        Oss = oss;
        Store = new FaultyStore(store ?? oss.Store);
        Options = options ?? DefaultOptions(oss.Bucket);
        Coordinator = Create();
    }

    public LocalOss Oss { get; }

    public FaultyStore Store { get; }

    public CoordinatorOptions Options { get; }

    public RecordingSender Sender { get; } = new();

    public ManualTimeProvider Time { get; } = new(Start);

    public Coordinator Coordinator { get; }

    /// <summary>What the coordinators made by this harness logged.</summary>
    public RecordingLogger<Coordinator> Log { get; } = new();

    /// <summary>Where stages store their results: the same class and bucket the stage functions use.</summary>
    public StageResultStore Results => new(Oss.Store, Oss.Bucket);

    public JobJournal Journal => Coordinator.Journal;

    public static CoordinatorOptions DefaultOptions(string bucket) => new()
    {
        Bucket = bucket,
        SweepGrace = TimeSpan.Zero,
        Fetch = Stage(TimeSpan.FromMinutes(10)),
        Build = Stage(TimeSpan.FromMinutes(30)),
        Publish = Stage(TimeSpan.FromMinutes(10)),
    };

    /// <summary>Another coordinator over the same bucket, sender and clock (a second FC instance).</summary>
    public Coordinator Create(IObjectStore? store = null) =>
        new(store ?? Store, Sender, Options, new FixedJitter(0.5), Time, Log);

    public static string Etag(string seed) => Convert.ToHexString(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(seed)));

    public ObjectCreated Upload(string site, string name = "app.zip", string? etag = null) =>
        new($"upload-{site}-{name}-{etag}", "ObjectCreated:PutObject", Oss.Bucket, $"src/{site}/{name}", etag ?? Etag(site + name), 1234, Start);

    public async Task<JobDocument> StartJobAsync(string site, string? etag = null, CancellationToken cancellationToken = default) =>
        await Coordinator.HandleAsync(Upload(site, etag: etag), cancellationToken)
        ?? throw new InvalidOperationException("upload did not start a job");

    public StageSucceeded Success(string jobId, StageName stage, int attempt, IReadOnlyDictionary<string, string>? outputs = null) =>
        new(NextId("ok"), jobId, stage, attempt, outputs ?? OutputsOf(jobId, stage, attempt));

    /// <summary>The report a stage function sends for the attempt: its id derived from the coordinator's request id, as the stage derives it.</summary>
    public static StageSucceeded StageReport(string jobId, StageName stage, int attempt) =>
        new(StageReportIds.For(JobActions.MessageId(jobId, stage, attempt, JobActions.RequestKind)), jobId, stage, attempt, OutputsOf(jobId, stage, attempt));

    /// <summary>Plays a stage that has finished: its report stored as the attempt's result and marked due, as a stage function does before it sends it.</summary>
    public async Task StoreResultAsync(IStageMessage report, CancellationToken cancellationToken)
    {
        Assert.True(await Results.TryCreateAsync(report, cancellationToken));
        await Results.MarkAsync(report, Time.GetUtcNow(), cancellationToken);
    }

    public Task SweepAsync(CancellationToken cancellationToken, Coordinator? coordinator = null) =>
        (coordinator ?? Coordinator).HandleAsync(new SweepDue($"sweep-{NextId("tick")}", Time.GetUtcNow()), cancellationToken);

    public StageFailed Failure(string jobId, StageName stage, int attempt, bool retryable, string code = "Boom") =>
        new(NextId("fail"), jobId, stage, attempt, new StageError(code, $"{stage} attempt {attempt} broke", retryable));

    public Task<JobDocument?> SendAsync(IMessage message, CancellationToken cancellationToken = default) =>
        Coordinator.HandleAsync(message, cancellationToken);

    /// <summary>Runs the job from its current stage to Succeeded, answering each request with success.</summary>
    public async Task<JobDocument> RunToEndAsync(JobDocument job, CancellationToken cancellationToken = default)
    {
        while (job.State is JobState.Fetching or JobState.Building or JobState.Publishing)
        {
            var stage = job.Stages.First(s => s.State == StageState.Running);
            job = (await SendAsync(Success(job.JobId, stage.Name, stage.Attempt), cancellationToken))!;
        }

        return job;
    }

    public static Dictionary<string, string> OutputsOf(string jobId, StageName stage, int attempt) => stage switch
    {
        StageName.Fetch => new() { [StageOutputKeys.Workspace] = ObjectKeys.Workspace(jobId), [StageOutputKeys.CacheKey] = $"ck-{attempt}" },
        StageName.Build => new() { [StageOutputKeys.Output] = ObjectKeys.BuildOutput(jobId), [StageOutputKeys.CacheHit] = "false" },
        _ => new() { [StageOutputKeys.Url] = "http://127.0.0.1/site/", [StageOutputKeys.Files] = "3", [StageOutputKeys.Uploaded] = "2", [StageOutputKeys.Skipped] = "1" },
    };

    public async Task<JobDocument> ReadHeadAsync(string jobId, CancellationToken cancellationToken = default)
    {
        await using var content = await Oss.Store.GetAsync(Oss.Bucket, ObjectKeys.JobHead(jobId), null, cancellationToken);
        return await System.Text.Json.JsonSerializer.DeserializeAsync(content.Content, Contracts.Json.ContractsJsonContext.Default.JobDocument, cancellationToken)
            ?? throw new InvalidDataException("empty head");
    }

    private static StageOptions Stage(TimeSpan timeout) => new()
    {
        Timeout = timeout,
        Retry = new RetryPolicyOptions { MaxAttempts = 3, InitialDelay = TimeSpan.FromSeconds(10), Multiplier = 2, MaxDelay = TimeSpan.FromMinutes(5) },
    };

    private string NextId(string kind) => $"{kind}-{Interlocked.Increment(ref _messages)}";
}
