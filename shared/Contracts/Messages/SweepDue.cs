namespace Orchestrator.Contracts.Messages;

/// <summary>The timer trigger's tick: find jobs whose stage deadline passed, or whose outbox was never sent.</summary>
public sealed record SweepDue(string MessageId, DateTimeOffset At) : IMessage;
