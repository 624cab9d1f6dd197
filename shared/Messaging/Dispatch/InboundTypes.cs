namespace Orchestrator.Messaging.Dispatch;

/// <summary>
/// The message types this function consumes. A message of another type reaching it was misrouted, and is refused
/// (<c>UnexpectedMessageType</c>) before anything runs, rather than silently dropped.
/// </summary>
public sealed class InboundTypes(IReadOnlyCollection<Type> types)
{
    public IReadOnlyCollection<Type> Types { get; } = types;

    public bool Accepts(Type type) => Types.Contains(type);
}
