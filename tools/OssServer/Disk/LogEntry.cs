namespace Orchestrator.Tools.OssServer.Disk;

/// <summary>One frame of a <see cref="RecordLog"/>: the key's new record, or null for its deletion.</summary>
internal sealed record LogEntry(string Key, ObjectRecord? Record);
