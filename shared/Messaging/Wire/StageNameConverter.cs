using System.Text.Json;
using System.Text.Json.Serialization;
using Orchestrator.Contracts.Jobs;

namespace Orchestrator.Messaging.Wire;

/// <summary>Stage names travel lower-case ("fetch", "build", "publish"), as the job document shows them.</summary>
public sealed class StageNameConverter : JsonStringEnumConverter<StageName>
{
    public StageNameConverter()
        : base(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    {
    }
}
