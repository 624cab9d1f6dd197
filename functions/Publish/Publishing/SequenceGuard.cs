using Orchestrator.Contracts.Errors;
using Orchestrator.Functions.Publish.Releases;

namespace Orchestrator.Functions.Publish.Publishing;

/// <summary>
/// Keeps a site's releases in upload order: a publish may go live only if no newer one has (the pointer's
/// high-water mark), and at the same sequence only as a retry of the live job itself.
/// </summary>
public static class SequenceGuard
{
    public static void EnsureNotSuperseded(SitePointer? pointer, string jobId, long siteSequence)
    {
        if (pointer is null)
        {
            return;
        }

        if (pointer.HighestSequence > siteSequence || (pointer.HighestSequence == siteSequence && pointer.JobId != jobId))
        {
            throw new StageFailedException(
                PublishErrorCodes.SupersededRelease,
                $"Release {jobId} (site sequence {siteSequence}) is older than what the site has already had live "
                + $"(sequence {pointer.HighestSequence}; live now: {pointer.JobId}); it is not published.",
                retryable: false);
        }
    }
}
