namespace Orchestrator.Contracts.Messages;

/// <summary>Operator → Coordinator: stop the job between stages and mark it Cancelled.</summary>
public sealed record CancelJob(string MessageId, string JobId) : IJobMessage;
