namespace Orchestrator.Functions.Build;

/// <summary>How a child ended: its exit code, or killed at the time limit.</summary>
public sealed record ChildOutcome(int ExitCode, bool TimedOut);
