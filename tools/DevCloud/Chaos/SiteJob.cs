namespace Orchestrator.Tools.DevCloud.Chaos;

/// <summary>A job of a site as the site check needs it: its upload's marker, its final state, its site sequence.</summary>
public sealed record SiteJob(string Marker, string? State, long SiteSequence);
