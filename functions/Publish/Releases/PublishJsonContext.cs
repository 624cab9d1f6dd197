using System.Text.Json.Serialization;

namespace Orchestrator.Functions.Publish.Releases;

/// <summary>Source-generated JSON for the release records (camelCase, as the rest of the stored documents).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = false)]
[JsonSerializable(typeof(ReleaseManifest))]
[JsonSerializable(typeof(SitePointer))]
[JsonSerializable(typeof(PendingChange))]
internal sealed partial class PublishJsonContext : JsonSerializerContext;
