namespace Orchestrator.Functions.Build;

/// <summary>corepack's folder in the build's HOME; on a cache miss its cache key and its state before corepack filled it.</summary>
internal sealed record CorepackFolder(string Home, string? Key, ProjectSnapshot? Before);
