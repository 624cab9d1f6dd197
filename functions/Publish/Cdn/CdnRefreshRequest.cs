namespace Orchestrator.Functions.Publish.Cdn;

/// <summary>
/// What changed on a site after a switch: the site paths to purge, or the whole site when <see cref="WholeSite"/>
/// (a retried publish cannot tell which paths its earlier attempt changed).
/// </summary>
public sealed record CdnRefreshRequest(string Site, IReadOnlyList<string> Paths, bool WholeSite);
