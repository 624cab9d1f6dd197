using Orchestrator.Contracts.Jobs;

namespace Orchestrator.Contracts.Messages;

/// <summary>
/// Coordinator → itself: an accepted upload became a job. The machine's initial event, built from
/// <see cref="ObjectCreated"/> once the key passed the source filter and the site's sequence was allocated.
/// <see cref="SiteSequence"/> orders the jobs of one site by arrival.
/// </summary>
public sealed record JobStarted(
    string MessageId,
    string JobId,
    string Site,
    SourceObject Source,
    long SiteSequence) : IJobMessage;
