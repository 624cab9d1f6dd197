namespace Orchestrator.Functions.Publish.Cdn;

/// <summary>The default: no CDN in front of the site bucket, so there is nothing to purge.</summary>
public sealed class NoCdnRefresher : ICdnRefresher
{
    public bool IsConfigured => false;

    public Task RefreshAsync(CdnRefreshRequest request, CancellationToken cancellationToken) => Task.CompletedTask;
}
