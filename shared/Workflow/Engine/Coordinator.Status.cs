using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Messages;

namespace Orchestrator.Workflow.Engine;

public sealed partial class Coordinator
{
    /// <summary>
    /// The console's <c>status</c> command: the job document as the journal has it now, read from OSS (not this
    /// instance's cache, which another instance may have overtaken). A read: no transition, nothing written or sent.
    /// </summary>
    private async Task<JobDocument> StatusAsync(JobStatusRequested request, CancellationToken cancellationToken)
    {
        if (!JobIds.TryGetCorrelationId(request.JobId, out _))
        {
            throw NotFound(request.JobId);
        }

        var loaded = await _journal.LoadAsync(request.JobId, cancellationToken) ?? throw NotFound(request.JobId);
        return JobDocuments.From(loaded.Entry.State);
    }
}
