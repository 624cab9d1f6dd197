namespace Orchestrator.Tools.DevCloud.Chaos;

/// <summary>What a site serves, read from OSS: its <c>index.html</c> (null when there is none) and the referenced assets that are missing.</summary>
public sealed record LiveSite(string Site, string? Html, IReadOnlyList<string> MissingAssets);
