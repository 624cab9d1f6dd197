using System.Text.Json.Serialization;

namespace Orchestrator.Contracts.Jobs;

/// <summary>Where a job stands. <see cref="Succeeded"/>, <see cref="Failed"/> and <see cref="Cancelled"/> are terminal.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JobState>))]
public enum JobState
{
    Pending,
    Fetching,
    Building,
    Publishing,
    Succeeded,
    Failed,
    Cancelled,
}
