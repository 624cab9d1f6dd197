using System.Text.Json.Serialization;
using Orchestrator.Contracts.Json;

namespace Orchestrator.Functions.Publish.Releases;

/// <summary>Source-generated JSON for the release records (camelCase and UTC timestamps, as the rest of the stored documents).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = false, Converters = [typeof(UtcTimestampJsonConverter)])]
[JsonSerializable(typeof(ReleaseManifest))]
[JsonSerializable(typeof(SitePointer))]
[JsonSerializable(typeof(PendingChange))]
[JsonSerializable(typeof(SiteLease))]
internal sealed partial class PublishJsonContext : JsonSerializerContext;
