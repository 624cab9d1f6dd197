using System.Text.Json.Serialization;

namespace Orchestrator.Contracts.Jobs;

/// <summary>
/// The uploaded archive a job was started by. (Bucket, Key, ETag) identifies the upload. The ETag is serialised as
/// <c>etag</c>, as CONTRACT.md §4 spells it (camel case would give <c>eTag</c>).
/// </summary>
public sealed record SourceObject(string Bucket, string Key, [property: JsonPropertyName("etag")] string ETag, long Size);
