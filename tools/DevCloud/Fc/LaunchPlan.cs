namespace Orchestrator.Tools.DevCloud.Fc;

/// <summary>How to start one function's instance: the program, its arguments and its code folder (FC's /code).</summary>
public sealed record LaunchPlan(string FileName, IReadOnlyList<string> Arguments, string CodeDirectory);
