using Orchestrator.Contracts.Jobs;

namespace Orchestrator.Contracts.Messages;

/// <summary>Stage → Coordinator: the attempt finished; <see cref="Outputs"/> are keyed by <see cref="StageOutputKeys"/>.</summary>
public sealed record StageSucceeded(
    string MessageId,
    string JobId,
    StageName Stage,
    int Attempt,
    IReadOnlyDictionary<string, string> Outputs) : IStageMessage;
