using System.Text.Json;
using System.Text.Json.Serialization;
using Orchestrator.Contracts.Jobs;

namespace Orchestrator.Contracts.Status;

/// <summary>Writes stage names lower-case ("fetch"), as CONTRACT.md §4 shows them; reads any case.</summary>
public sealed class StageNameJsonConverter : JsonStringEnumConverter<StageName>
{
    public StageNameJsonConverter()
        : base(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    {
    }
}
