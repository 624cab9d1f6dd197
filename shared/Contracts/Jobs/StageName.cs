using System.Text.Json.Serialization;

namespace Orchestrator.Contracts.Jobs;

/// <summary>The three stages a job runs through, in order. Serialised lower-case ("fetch", "build", "publish").</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StageName>))]
public enum StageName
{
    [JsonStringEnumMemberName("fetch")]
    Fetch,

    [JsonStringEnumMemberName("build")]
    Build,

    [JsonStringEnumMemberName("publish")]
    Publish,
}
