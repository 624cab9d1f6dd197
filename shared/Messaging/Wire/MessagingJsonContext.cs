using System.Text.Json;
using System.Text.Json.Serialization;
using Orchestrator.Messaging.Dispatch;

namespace Orchestrator.Messaging.Wire;

/// <summary>
/// Source-generated JSON for what Messaging adds around the contracts: the wire envelope and the invocation's
/// answer. The messages themselves are (de)serialised through <see cref="Contracts.Json.ContractsJsonContext"/>,
/// the one JSON shape of every contract (see <see cref="MessageTypes"/>).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, RespectNullableAnnotations = true)]
[JsonSerializable(typeof(WireEnvelope))]
[JsonSerializable(typeof(InvocationAnswer))]
public sealed partial class MessagingJsonContext : JsonSerializerContext;
