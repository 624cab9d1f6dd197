using System.Text.Json.Serialization;

namespace Orchestrator.Contracts.Sites;

/// <summary>Source-generated JSON for the routing document (camelCase, indented for people reading it in OSS).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SiteRouting))]
public sealed partial class SiteRoutingJsonContext : JsonSerializerContext;
