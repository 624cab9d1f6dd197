using System.Text.Json.Serialization;

namespace Orchestrator.Contracts.Jobs;

/// <summary>Where one stage of a job stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StageState>))]
public enum StageState
{
    Pending,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}
