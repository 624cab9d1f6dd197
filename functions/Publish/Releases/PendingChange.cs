namespace Orchestrator.Functions.Publish.Releases;

/// <summary>
/// <c>releases/&lt;site&gt;/pending/&lt;id&gt;.json</c>, written before a publish or rollback touches the site's files and
/// removed after its switch. If that work dies half-way, these paths no longer match the live manifest, so the next
/// publish re-uploads them instead of trusting the manifest, and the clean-up spares them while the work may go on.
/// </summary>
public sealed record PendingChange(string Id, long SiteSequence, IReadOnlyList<string> Paths, IReadOnlyList<string> Hashes);
