using Orchestrator.Contracts.Jobs;

namespace Orchestrator.Contracts.Messages;

/// <summary>
/// Coordinator → itself (delayed by the retry backoff): start the attempt after the failed <see cref="Attempt"/>
/// of <see cref="Stage"/>. Ignored when that attempt is no longer the current one.
/// </summary>
public sealed record RetryDue(string MessageId, string JobId, StageName Stage, int Attempt) : IStageMessage;
