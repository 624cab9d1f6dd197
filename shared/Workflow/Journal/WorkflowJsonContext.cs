using System.Text.Json.Serialization;
using Orchestrator.Contracts.Json;

namespace Orchestrator.Workflow.Journal;

/// <summary>The journal's JSON, with the same conventions as the contracts' (camelCase, enums as strings, UTC timestamps).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    PropertyNameCaseInsensitive = true,
    Converters = [typeof(UtcTimestampJsonConverter)])]
[JsonSerializable(typeof(JournalEntry))]
internal sealed partial class WorkflowJsonContext : JsonSerializerContext;
