using System.Text.Json.Serialization;

namespace Orchestrator.Workflow.Journal;

/// <summary>The journal's JSON, with the same conventions as the contracts' (camelCase, enums as strings).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(JournalEntry))]
internal sealed partial class WorkflowJsonContext : JsonSerializerContext;
