using Orchestrator.Contracts.Jobs;

namespace Orchestrator.Messaging.Dispatch;

/// <summary>
/// What <c>/invoke</c> answers when every message of the event was handled: the messages, and the job document
/// the coordinator answered last (e.g. for a console <c>status</c> command), if any.
/// </summary>
public sealed record InvocationAnswer(int Handled, IReadOnlyList<HandledMessage> Messages, JobDocument? Job);

/// <summary>One handled message, by id and wire type name.</summary>
public sealed record HandledMessage(string MessageId, string MessageType);
