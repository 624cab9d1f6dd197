using Orchestrator.Contracts.Jobs;

namespace Orchestrator.Contracts.Messages;

/// <summary>
/// Coordinator → Publish: publish the build output named in <see cref="Inputs"/> to the site.
/// <see cref="SiteSequence"/> orders the uploads of one site, so an older job never overwrites a newer release.
/// </summary>
public sealed record PublishRequested(
    string MessageId,
    string JobId,
    string Site,
    int Attempt,
    long SiteSequence,
    IReadOnlyDictionary<string, string> Inputs) : IStageMessage
{
    public StageName Stage => StageName.Publish;
}
