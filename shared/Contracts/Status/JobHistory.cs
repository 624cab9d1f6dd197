using Orchestrator.Contracts.Jobs;

namespace Orchestrator.Contracts.Status;

/// <summary>A job's accepted transitions in journal order (<c>GET /jobs/{id}/history</c>).</summary>
public sealed record JobHistory(IReadOnlyList<HistoryEntry> Entries);
