namespace Orchestrator.Tools.DevCloud.EventBridge;

/// <summary>
/// What the dev cloud's delivery machinery did beyond a first, successful delivery, counted across every trigger:
/// redeliveries (a queue message delivered again after a delivery that failed or did not complete, and FC async
/// retries) and dead letters (events given up on, whether sent to a dead-letter queue or dropped for want of one).
/// Injected duplicate deliveries are faults, not redeliveries, and are not counted.
/// </summary>
public sealed class DeliveryCounters
{
    private long _redeliveries;
    private long _deadLettered;

    public long Redeliveries => Interlocked.Read(ref _redeliveries);

    public long DeadLettered => Interlocked.Read(ref _deadLettered);

    public void Redelivered() => Interlocked.Increment(ref _redeliveries);

    public void GaveUp() => Interlocked.Increment(ref _deadLettered);
}
