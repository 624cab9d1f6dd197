using MassTransit;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;

namespace Orchestrator.Messaging.Dispatch;

/// <summary>
/// Warm-up dispatches: one neutral message of each type a function consumes goes the whole way (parser, mediator,
/// consumer) with the <see cref="Header"/> set, and every consumer returns at once when it sees that header — so
/// MassTransit builds its per-type pipelines (≈ 300 ms each on 2 cores, MASSTRANSIT.md) during FC's
/// <c>/initialize</c>, not during the first real message, and nothing runs or is sent.
/// </summary>
public static class WarmUp
{
    /// <summary>The header marking a warm-up dispatch.</summary>
    public const string Header = "Orchestrator-WarmUp";

    private static readonly SourceObject Source = new("warm-up", "src/warm-up/app.zip", "WARMUP", 0);

    private static readonly Dictionary<string, string> NoOutputs = [];

    /// <summary>True for a warm-up dispatch, which a consumer must not act on.</summary>
    public static bool IsWarmUp(ConsumeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Headers.TryGetHeader(Header, out _);
    }

    /// <summary>A neutral instance of <paramref name="type"/> (never acted on; see <see cref="IsWarmUp"/>).</summary>
    public static IMessage Sample(Type type)
    {
        const string id = "warm-up";
        IMessage[] samples =
        [
            new FetchRequested(id, id, id, 1, Source),
            new BuildRequested(id, id, id, 1, NoOutputs),
            new PublishRequested(id, id, id, 1, 0, NoOutputs),
            new StageSucceeded(id, id, StageName.Fetch, 1, NoOutputs),
            new StageFailed(id, id, StageName.Fetch, 1, new StageError(id, id, false)),
            new ObjectCreated(id, "ObjectCreated:PutObject", Source.Bucket, Source.Key, Source.ETag, 0, DateTimeOffset.UnixEpoch),
            new JobStarted(id, id, id, Source, 0),
            new StageDeadlineDue(id, id, StageName.Fetch, 1),
            new RetryDue(id, id, StageName.Fetch, 1),
            new SweepDue(id, DateTimeOffset.UnixEpoch),
            new RetryJob(id, id, null),
            new CancelJob(id, id),
            new RollbackRequested(id, id, null),
            new JobStatusRequested(id, id),
        ];
        return samples.FirstOrDefault(s => s.GetType() == type)
            ?? throw new ArgumentException($"No warm-up sample for {type.Name}.", nameof(type));
    }
}
