using Orchestrator.Contracts.Jobs;

namespace Orchestrator.Contracts.Messages;

/// <summary>Operator → Coordinator: re-run the failed stage, or <see cref="Stage"/> when named, with a new attempt.</summary>
public sealed record RetryJob(string MessageId, string JobId, StageName? Stage) : IJobMessage;
