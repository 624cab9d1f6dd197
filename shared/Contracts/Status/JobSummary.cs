using Orchestrator.Contracts.Jobs;

namespace Orchestrator.Contracts.Status;

/// <summary>
/// One line of the job list (<c>GET /jobs</c>): what the job head's <c>x-oss-meta-*</c> tell without reading the
/// document. <see cref="Stage"/> and <see cref="Attempt"/> are the stage the job is at (or ended in).
/// </summary>
public sealed record JobSummary(
    string JobId,
    string? Site,
    JobState State,
    StageName? Stage,
    int? Attempt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? UpdatedAt);
