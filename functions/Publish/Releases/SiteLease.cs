namespace Orchestrator.Functions.Publish.Releases;

/// <summary>
/// Who holds a site's publish lease and until when: a publish (<see cref="Holder"/> is its job id) or a rollback
/// (<c>rollback-</c> and its message id).
/// </summary>
public sealed record SiteLease(string Holder, DateTimeOffset AcquiredAt, DateTimeOffset ExpiresAt);
