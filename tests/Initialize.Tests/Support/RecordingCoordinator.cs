using System.Collections.Concurrent;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Workflow;

namespace Orchestrator.Functions.Initialize.Tests.Support;

/// <summary>
/// Stands in for the coordinator so the API's own behaviour (routing, tokens, error mapping) is tested without a
/// journal: records what the API hands over and answers with what the test scripts (a job document or a refusal).
/// </summary>
internal sealed class RecordingCoordinator : ICoordinator
{
    public ConcurrentQueue<IMessage> Received { get; } = new();

    public Func<IMessage, JobDocument?> Answer { get; set; } = _ => null;

    public Task<JobDocument?> HandleAsync(IMessage message, CancellationToken cancellationToken)
    {
        Received.Enqueue(message);
        return Task.FromResult(Answer(message));
    }
}
