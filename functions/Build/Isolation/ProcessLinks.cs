namespace Orchestrator.Functions.Build;

/// <summary>A process's place in the tree: its parent, process group and session, and its state letter.</summary>
internal sealed record ProcessLinks(int Pid, char State, int ParentPid, int GroupId, int SessionId);
