using System.Text.Json.Serialization;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;

namespace Orchestrator.Contracts.Json;

/// <summary>
/// The one JSON shape of every contract type, source-generated: camelCase names, enums as strings
/// (<see cref="StageName"/> lower-case, <see cref="JobState"/>/<see cref="StageState"/> PascalCase), nulls written,
/// timestamps in UTC (<see cref="UtcTimestampJsonConverter"/>).
/// Every project serialises contracts through <see cref="Default"/> (or <see cref="ContractsJson.Options"/>),
/// so what one function writes another reads.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    PropertyNameCaseInsensitive = true,
    Converters = [typeof(UtcTimestampJsonConverter)])]
[JsonSerializable(typeof(JobDocument))]
[JsonSerializable(typeof(HistoryEntry))]
[JsonSerializable(typeof(IReadOnlyList<HistoryEntry>))]
[JsonSerializable(typeof(SourceObject))]
[JsonSerializable(typeof(StageError))]
[JsonSerializable(typeof(StageResult))]
[JsonSerializable(typeof(ObjectCreated))]
[JsonSerializable(typeof(JobStarted))]
[JsonSerializable(typeof(FetchRequested))]
[JsonSerializable(typeof(BuildRequested))]
[JsonSerializable(typeof(PublishRequested))]
[JsonSerializable(typeof(StageSucceeded))]
[JsonSerializable(typeof(StageFailed))]
[JsonSerializable(typeof(StageDeadlineDue))]
[JsonSerializable(typeof(RetryDue))]
[JsonSerializable(typeof(SweepDue))]
[JsonSerializable(typeof(RetryJob))]
[JsonSerializable(typeof(CancelJob))]
[JsonSerializable(typeof(RollbackRequested))]
[JsonSerializable(typeof(JobStatusRequested))]
public sealed partial class ContractsJsonContext : JsonSerializerContext;
