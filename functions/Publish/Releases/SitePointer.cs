namespace Orchestrator.Functions.Publish.Releases;

/// <summary>
/// <c>releases/&lt;site&gt;/current.json</c>: which release is live. <see cref="HighestSequence"/> is the newest site
/// sequence ever switched to; a rollback lowers <see cref="SiteSequence"/> but never it, so a late or redelivered
/// older publish still cannot replace what an operator chose.
/// </summary>
public sealed record SitePointer(
    string JobId,
    long SiteSequence,
    long HighestSequence,
    DateTimeOffset SwitchedAt,
    string Reason);
