using MassTransit;
using MassTransit.Mediator;
using MassTransit.Saga;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Workflow.Machine;

namespace Orchestrator.Workflow.Engine;

/// <summary>
/// Runs one event through <see cref="JobWorkflow"/> on MassTransit's Mediator. The job's state is loaded by the
/// coordinator and lent to Mediator's in-memory saga store only for the length of one <c>Send</c>; the durable store is
/// the OSS journal, written by the coordinator after the machine has decided. The Mediator lives in a private
/// container so that the host may use MassTransit for its own purposes without the registrations clashing.
/// </summary>
public sealed class MachineRunner : IAsyncDisposable, IDisposable
{
    private readonly ServiceProvider _provider;
    private readonly IMediator _mediator;
    private readonly IndexedSagaDictionary<JobInstance> _instances;

    public MachineRunner(JobActions actions)
    {
        var services = new ServiceCollection();
        services.AddSingleton(actions);
        services.AddMediator(cfg => cfg.AddSagaStateMachine<JobWorkflow, JobInstance>().InMemoryRepository());
        _provider = services.BuildServiceProvider();
        _mediator = _provider.GetRequiredService<IMediator>();
        _instances = _provider.GetRequiredService<IndexedSagaDictionary<JobInstance>>();
    }

    /// <summary>
    /// Applies <paramref name="message"/> to <paramref name="job"/> in place (a new job is an instance in state
    /// <c>Initial</c>). The caller must not run two events of one job at once.
    /// </summary>
    public async Task RunAsync(JobInstance job, IJobMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(message);
        job.CorrelationId = JobIds.ToCorrelationId(message.JobId);
        var slot = new SagaInstance<JobInstance>(job);
        _instances.Add(slot);
        try
        {
            await _mediator.Send((object)message, cancellationToken);
        }
        finally
        {
            _instances.Remove(slot);
        }
    }

    public void Dispose() => _provider.Dispose();

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
