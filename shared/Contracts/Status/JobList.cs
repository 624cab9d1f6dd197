namespace Orchestrator.Contracts.Status;

/// <summary>
/// A page of the job list, newest first. <see cref="NextCursor"/> is passed back as <c>cursor=</c> for the next
/// page; null when there is none.
/// </summary>
public sealed record JobList(IReadOnlyList<JobSummary> Jobs, string? NextCursor);
