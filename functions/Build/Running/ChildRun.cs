namespace Orchestrator.Functions.Build;

/// <summary>What every command of one build shares: its sandbox, disk watcher, log, start time, node and extra variables (configured and the project's).</summary>
internal sealed record ChildRun(string JobId, BuildSandbox Sandbox, DiskWatcher Disk, BoundedLog Log, long Started, string NodeBin, IReadOnlyDictionary<string, string> Variables);
