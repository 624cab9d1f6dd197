using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Messages;

namespace Orchestrator.Messaging.Tests.Support;

/// <summary>
/// A stage whose outcome the request's job id chooses: "ok…" succeeds, "refuse…" fails as stages do, "crash…" throws,
/// "busy…" defers.
/// </summary>
public sealed class ScriptedFetchStage : IStage<FetchRequested>
{
    public Task<IReadOnlyDictionary<string, string>> RunAsync(FetchRequested request, CancellationToken cancellationToken)
    {
        if (request.JobId.StartsWith("refuse", StringComparison.Ordinal))
        {
            throw new StageFailedException("ArchiveRejected", "The archive holds ../escape.", retryable: false);
        }

        if (request.JobId.StartsWith("busy", StringComparison.Ordinal))
        {
            throw new StageDeferredException("SiteBusy", "Another instance holds the site.");
        }

        if (request.JobId.StartsWith("crash", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("disk on fire");
        }

        IReadOnlyDictionary<string, string> outputs = new Dictionary<string, string> { ["workspace"] = $"jobs/{request.JobId}/fetch/workspace.tar" };
        return Task.FromResult(outputs);
    }
}
