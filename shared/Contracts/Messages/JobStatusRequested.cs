namespace Orchestrator.Contracts.Messages;

/// <summary>
/// Operator → Coordinator (the FC console's <c>{"command":"status","jobId":"…"}</c>): answer the job document,
/// change nothing. Carries a message id like every message, so it can travel the same dispatch path.
/// </summary>
public sealed record JobStatusRequested(string MessageId, string JobId) : IJobMessage;
