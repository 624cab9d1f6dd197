namespace Orchestrator.Functions.Publish.Publishing;

/// <summary>What a publish or rollback did, for the stage outputs and the log.</summary>
public sealed record SwitchResult(
    string Site,
    string JobId,
    int Files,
    int Updated,
    int Skipped,
    int BlobsUploaded,
    int Deleted,
    int PrunedReleases,
    bool CdnRefreshed,
    IReadOnlyList<string> UpdatedPaths);
