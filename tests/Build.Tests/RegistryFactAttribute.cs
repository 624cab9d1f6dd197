namespace Orchestrator.Build.Tests;

/// <summary>A test that installs from the npm registry: skipped, saying why, when the registry does not answer.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RegistryFactAttribute : FactAttribute
{
    public RegistryFactAttribute()
    {
        if (NpmRegistry.Unreachable is { } problem)
        {
            Skip = "Real-project test skipped: " + problem;
        }
    }
}
