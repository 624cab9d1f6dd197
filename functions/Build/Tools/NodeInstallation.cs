using Semver;

namespace Orchestrator.Functions.Build;

/// <summary>One Node.js the build could run: the folder holding its <c>node</c>, and what <c>node --version</c> said.</summary>
public sealed record NodeInstallation(string Bin, SemVersion Version)
{
    public override string ToString() => $"{Version} ({Bin})";
}
