using Orchestrator.Contracts.Errors;

namespace Orchestrator.Functions.Build;

/// <summary>The Node.js a build runs with, and why that one.</summary>
public sealed record NodeChoice(NodeInstallation Node, string Reason)
{
    /// <summary>
    /// The newest installation the request accepts; without a request the first one found (configured folders,
    /// then PATH, then FC's). None accepted fails with <c>NodeVersionUnavailable</c>, naming the request and what
    /// there is.
    /// </summary>
    /// <exception cref="StageFailedException">Non-retryable <c>NodeVersionUnavailable</c>.</exception>
    public static NodeChoice Pick(IReadOnlyList<NodeInstallation> available, NodeRequest? request)
    {
        ArgumentNullException.ThrowIfNull(available);
        var listed = string.Join(", ", available);
        if (request is null)
        {
            return new NodeChoice(available[0], $"the project asks for no version (no .node-version, .nvmrc nor engines.node); the first found of: {listed}");
        }

        var match = available.Where(n => request.Accepts(n.Version)).OrderByDescending(n => n.Version, Semver.SemVersion.PrecedenceComparer).FirstOrDefault();
        return match is not null
            ? new NodeChoice(match, $"{request.Source} asks for \"{request.Text}\"; the newest match among: {listed}")
            : throw new StageFailedException(
                BuildErrorCodes.NodeVersionUnavailable,
                $"{request.Source} asks for Node.js \"{request.Text}\", and no Node.js available matches it; available: {string.Join(", ", available.Select(n => n.Version))}. Change the request, or add a matching Node.js (an FC Node.js layer, or a folder in Build:NodeSearchPaths).",
                retryable: false);
    }
}
