using Orchestrator.Contracts.Jobs;

namespace Orchestrator.Contracts.Messages;

/// <summary>Stage → Coordinator: the attempt failed with <see cref="Error"/>.</summary>
public sealed record StageFailed(string MessageId, string JobId, StageName Stage, int Attempt, StageError Error) : IStageMessage;
