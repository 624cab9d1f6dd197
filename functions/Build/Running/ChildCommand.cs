namespace Orchestrator.Functions.Build;

/// <summary>One program to run for the build, with the exact environment it gets (nothing is inherited).</summary>
public sealed record ChildCommand(string FileName, IReadOnlyList<string> Arguments, string WorkingDirectory, IReadOnlyDictionary<string, string> Environment);
