using System.Text.Json.Serialization;

namespace Orchestrator.Contracts.Jobs;

/// <summary>Source-generated JSON for <see cref="WorkspaceManifest"/> (camelCase, indented for people reading it in OSS).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WorkspaceManifest))]
public sealed partial class WorkspaceManifestJsonContext : JsonSerializerContext;
