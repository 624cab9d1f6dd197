namespace Orchestrator.Messaging.Mns;

/// <summary>What ChangeMessageVisibility answers: the message's new receipt handle and when it becomes visible.</summary>
public sealed record MnsVisibility(string ReceiptHandle, DateTimeOffset NextVisibleTime);
