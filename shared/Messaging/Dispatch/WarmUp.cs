namespace Orchestrator.Messaging.Dispatch;

/// <summary>
/// A message that only exercises the mediator's pipeline, so the first real message does not pay for
/// MassTransit's start-up (≈ 350 ms on 2 cores, MASSTRANSIT.md). Never leaves the process.
/// </summary>
public sealed record WarmUp(Guid Id);
