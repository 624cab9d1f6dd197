namespace Orchestrator.Functions.Build;

/// <summary>
/// What every command of one build shares: its sandbox, disk watcher, log, start time, the folders first on its PATH
/// (node's, the manager's shim) and the variables its tools get (registry, corepack; the configured ones, then the project's).
/// </summary>
internal sealed record ChildRun(string JobId, BuildSandbox Sandbox, DiskWatcher Disk, BoundedLog Log, long Started, string BinPath, IReadOnlyDictionary<string, string> Variables);
