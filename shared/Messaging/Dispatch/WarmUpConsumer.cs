using MassTransit;

namespace Orchestrator.Messaging.Dispatch;

/// <summary>Consumes <see cref="WarmUp"/>: nothing to do; reaching it is the point.</summary>
public sealed class WarmUpConsumer : IConsumer<WarmUp>
{
    public Task Consume(ConsumeContext<WarmUp> context) => Task.CompletedTask;
}
