using System.Text;
using Orchestrator.Contracts.Errors;
using Orchestrator.Storage;
using Orchestrator.Workflow.Journal;
using Orchestrator.Workflow.Policy;

namespace Orchestrator.Workflow.Sites;

/// <summary>
/// Per-site ordering. Each new job of a site takes the next site sequence number, claimed create-only
/// (<c>index/site-seq/&lt;site&gt;/…</c>, forbid-overwrite, so two coordinators never hand out one number twice);
/// each published job leaves a marker under its number, so "the newest published" is the first key of a listing.
/// </summary>
public sealed class SiteLedger(IObjectStore store, CoordinatorOptions options)
{
    /// <summary>Sequence claims tolerate much more contention than a single job's journal: many uploads of one site at once.</summary>
    private int MaxClaims => options.MaxConflictRetries * 8;

    public async Task<long> AllocateAsync(string site, string jobId, CancellationToken cancellationToken)
    {
        for (var claim = 0; claim < MaxClaims; claim++)
        {
            var next = await FirstSequenceAsync(WorkflowKeys.SiteSequencePrefix(site), cancellationToken) + 1;
            try
            {
                using var body = new MemoryStream(Encoding.UTF8.GetBytes(jobId), writable: false);
                await store.PutAsync(options.Bucket, WorkflowKeys.SiteSequence(site, next), body, new PutOptions { ForbidOverwrite = true, ContentType = "text/plain" }, cancellationToken);
                return next;
            }
            catch (ObjectAlreadyExistsException)
            {
                // Another upload of the site took this number first: read the new top and try the next one.
            }
        }

        throw new OrchestratorException(WorkflowErrorCodes.ConcurrencyConflict, $"could not claim a sequence number for site {site} after {MaxClaims} tries", retryable: true);
    }

    public async Task MarkPublishedAsync(string site, long sequence, string jobId, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream([], writable: false);
        await store.PutAsync(options.Bucket, WorkflowKeys.SitePublished(site, sequence, jobId), body, new PutOptions { ContentType = "text/plain" }, cancellationToken);
    }

    /// <summary>The highest site sequence of the site that has been published (0 when none).</summary>
    public Task<long> NewestPublishedAsync(string site, CancellationToken cancellationToken) =>
        FirstSequenceAsync(WorkflowKeys.SitePublishedPrefix(site), cancellationToken);

    private async Task<long> FirstSequenceAsync(string prefix, CancellationToken cancellationToken)
    {
        var page = await store.ListAsync(options.Bucket, new ListRequest { Prefix = prefix, MaxKeys = 1 }, cancellationToken);
        return page.Objects.Count == 0 ? 0 : WorkflowKeys.SequenceOf(page.Objects[0].Key, prefix);
    }
}
