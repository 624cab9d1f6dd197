using System.Text.Json;

namespace Orchestrator.Messaging.Wire;

/// <summary>
/// How one message travels in an MNS message body: its id, its type by name, and the message itself.
/// The type is explicit because a raw-JSON dispatcher would otherwise match the body against every message type.
/// </summary>
public sealed record WireEnvelope(string MessageId, string MessageType, JsonElement Message);
