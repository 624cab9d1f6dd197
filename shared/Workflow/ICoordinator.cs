using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;

namespace Orchestrator.Workflow;

/// <summary>
/// The coordinator's single entry point: every event (an upload, a stage result, a timer, an operator command)
/// goes through here, whether it came from a queue, the FC console's test event or the status API.
/// Returns the job after the event, or null when the event concerns no job (an ignored upload, a rollback).
/// Refusals are <see cref="Contracts.Errors.OrchestratorException"/>s with codes such as <c>JobNotFound</c>,
/// <c>NotRetryable</c>, <c>AlreadyTerminal</c>.
/// </summary>
public interface ICoordinator
{
    Task<JobDocument?> HandleAsync(IMessage message, CancellationToken cancellationToken);
}
