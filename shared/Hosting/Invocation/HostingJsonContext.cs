using System.Text.Json.Serialization;

namespace Orchestrator.Hosting.Invocation;

/// <summary>Source-generated JSON for the host's own answers (no reflection at start-up).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(InvocationFailure))]
[JsonSerializable(typeof(StopReport))]
internal sealed partial class HostingJsonContext : JsonSerializerContext;
