namespace Orchestrator.Messaging.DeadLetters;

/// <summary>
/// What one message of the dead-letter queue holds: the queue messages whose delivery failed (usually one;
/// none when the dead letter is of a shape this system does not know) and why they failed, as far as the dead
/// letter says.
/// </summary>
public sealed record DeadLetterContent(IReadOnlyList<DeadMessage> Messages, string Reason);
