using System.Text.Json;
using System.Text.Json.Serialization;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Json;

namespace Orchestrator.Contracts.Status;

/// <summary>
/// Source-generated JSON for the status API and its clients (CLI, page, tests): camelCase names, enums as
/// strings (job and stage states PascalCase, stage names lower-case), timestamps in UTC with a <c>Z</c>,
/// case-insensitive on reading.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    Converters = [typeof(StageNameJsonConverter), typeof(UtcTimestampJsonConverter)])]
[JsonSerializable(typeof(JobDocument))]
[JsonSerializable(typeof(JobList))]
[JsonSerializable(typeof(JobHistory))]
[JsonSerializable(typeof(HistoryEntry))]
[JsonSerializable(typeof(ApiErrorBody))]
[JsonSerializable(typeof(RetryRequest))]
[JsonSerializable(typeof(RollbackRequest))]
[JsonSerializable(typeof(RollbackAccepted))]
[JsonSerializable(typeof(HealthReport))]
[JsonSerializable(typeof(DeadLetterList))]
[JsonSerializable(typeof(DeadLetterReplay))]
public sealed partial class StatusJsonContext : JsonSerializerContext;
