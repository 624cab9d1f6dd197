namespace Orchestrator.Functions.Publish.Cdn;

/// <summary>
/// Purges a CDN's cached copies after a site switched releases. Throw a retryable exception on transient trouble:
/// the publish fails and its retry refreshes the whole site.
/// </summary>
public interface ICdnRefresher
{
    /// <summary>True when a CDN is configured; false skips the call (and the log line).</summary>
    bool IsConfigured { get; }

    Task RefreshAsync(CdnRefreshRequest request, CancellationToken cancellationToken);
}
