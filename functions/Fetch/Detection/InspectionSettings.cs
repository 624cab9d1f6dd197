namespace Orchestrator.Functions.Fetch.Detection;

/// <summary>The choices inspection cannot make from the project alone.</summary>
/// <param name="BuildScript">The package.json script Build will run.</param>
/// <param name="DefaultNodeMajor">The Node.js major assumed when package.json names none.</param>
/// <param name="Platform">The build platform, part of the dependency-cache key (native modules differ per platform).</param>
public sealed record InspectionSettings(string BuildScript, int DefaultNodeMajor, string Platform);
