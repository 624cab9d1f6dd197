namespace Orchestrator.Tools.OssServer.Disk;

/// <summary>One ListObjectsV2 page as the store computed it; <see cref="Last"/> is where the next page starts after.</summary>
internal sealed record ListingPage(IReadOnlyList<ObjectRecord> Objects, IReadOnlyList<string> CommonPrefixes, bool Truncated, string? Last);
