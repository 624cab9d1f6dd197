namespace Orchestrator.Functions.Publish.Releases;

/// <summary>
/// <c>releases/&lt;site&gt;/&lt;jobId&gt;.json</c>: everything a release serves, path → file. With the content-addressed
/// blobs it is enough to put the release live again without a rebuild.
/// </summary>
public sealed record ReleaseManifest(
    string Site,
    string JobId,
    long SiteSequence,
    DateTimeOffset PublishedAt,
    IReadOnlyDictionary<string, ReleaseFile> Files,
    Contracts.Sites.SiteRouting? Routing = null);
