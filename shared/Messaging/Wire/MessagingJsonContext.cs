using System.Text.Json;
using System.Text.Json.Serialization;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;
using Orchestrator.Messaging.Dispatch;

namespace Orchestrator.Messaging.Wire;

/// <summary>
/// Source-generated JSON for everything Messaging reads or writes: the wire envelope, every message type,
/// and the invocation's answer. camelCase; stage names lower-case, other enums by name.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    Converters = [typeof(StageNameConverter)],
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(WireEnvelope))]
[JsonSerializable(typeof(FetchRequested))]
[JsonSerializable(typeof(BuildRequested))]
[JsonSerializable(typeof(PublishRequested))]
[JsonSerializable(typeof(StageSucceeded))]
[JsonSerializable(typeof(StageFailed))]
[JsonSerializable(typeof(ObjectCreated))]
[JsonSerializable(typeof(SweepDue))]
[JsonSerializable(typeof(RetryJob))]
[JsonSerializable(typeof(CancelJob))]
[JsonSerializable(typeof(RollbackRequested))]
[JsonSerializable(typeof(JobStatusRequested))]
[JsonSerializable(typeof(JobDocument))]
[JsonSerializable(typeof(InvocationAnswer))]
public sealed partial class MessagingJsonContext : JsonSerializerContext;
