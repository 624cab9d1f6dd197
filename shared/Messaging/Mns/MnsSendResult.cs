namespace Orchestrator.Messaging.Mns;

/// <summary>What SendMessage answers: the id MNS gave the message and the MD5 of its body (upper-case hex).</summary>
public sealed record MnsSendResult(string MessageId, string MessageBodyMd5);
