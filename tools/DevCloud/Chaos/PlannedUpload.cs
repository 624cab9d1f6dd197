namespace Orchestrator.Tools.DevCloud.Chaos;

/// <summary>
/// One upload of a chaos run: its own key under <c>src/&lt;site&gt;/</c>, a marker that makes its content (and so its
/// ETag and its built asset names) unique, when it goes up after the run starts, and, for an exact duplicate, when
/// the very same bytes go up again (same key, same ETag: the system must not start a second job).
/// </summary>
public sealed record PlannedUpload(int Number, string Site, string Key, string Marker, TimeSpan At, TimeSpan? RepeatAt);
