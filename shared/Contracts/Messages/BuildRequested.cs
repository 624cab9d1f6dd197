using Orchestrator.Contracts.Jobs;

namespace Orchestrator.Contracts.Messages;

/// <summary>Coordinator → Build: build the workspace named in <see cref="Inputs"/> (Fetch's outputs, see <see cref="StageOutputKeys"/>).</summary>
public sealed record BuildRequested(
    string MessageId,
    string JobId,
    string Site,
    int Attempt,
    IReadOnlyDictionary<string, string> Inputs) : IStageMessage
{
    public StageName Stage => StageName.Build;
}
