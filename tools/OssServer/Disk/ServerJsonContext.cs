using System.Text.Json.Serialization;

namespace Orchestrator.Tools.OssServer.Disk;

/// <summary>Source-generated JSON for the server's on-disk metadata.</summary>
[JsonSerializable(typeof(LogEntry))]
[JsonSerializable(typeof(ObjectRecord))]
[JsonSourceGenerationOptions(WriteIndented = false)]
internal sealed partial class ServerJsonContext : JsonSerializerContext;
