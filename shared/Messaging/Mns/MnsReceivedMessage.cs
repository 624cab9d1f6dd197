namespace Orchestrator.Messaging.Mns;

/// <summary>
/// A message as ReceiveMessage returns it. <see cref="ReceiptHandle"/> deletes it or changes its visibility until
/// <see cref="NextVisibleTime"/>; <see cref="DequeueCount"/> counts deliveries (1 on the first).
/// </summary>
public sealed record MnsReceivedMessage(
    string MessageId,
    string ReceiptHandle,
    string MessageBody,
    string MessageBodyMd5,
    DateTimeOffset EnqueueTime,
    DateTimeOffset FirstDequeueTime,
    DateTimeOffset NextVisibleTime,
    int DequeueCount,
    int Priority);
