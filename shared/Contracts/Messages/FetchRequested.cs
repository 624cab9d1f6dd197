using Orchestrator.Contracts.Jobs;

namespace Orchestrator.Contracts.Messages;

/// <summary>Coordinator → Fetch: download, verify and unpack <see cref="Source"/> for this attempt.</summary>
public sealed record FetchRequested(string MessageId, string JobId, string Site, int Attempt, SourceObject Source) : IStageMessage
{
    public StageName Stage => StageName.Fetch;
}
