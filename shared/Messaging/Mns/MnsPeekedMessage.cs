namespace Orchestrator.Messaging.Mns;

/// <summary>
/// A message as BatchPeekMessage shows it: no receipt handle (peeking takes nothing), and
/// <see cref="FirstDequeueTime"/> equal to <see cref="EnqueueTime"/> while <see cref="DequeueCount"/> is 0.
/// </summary>
public sealed record MnsPeekedMessage(
    string MessageId,
    string MessageBody,
    string MessageBodyMd5,
    DateTimeOffset EnqueueTime,
    DateTimeOffset FirstDequeueTime,
    int DequeueCount,
    int Priority);
