using System.Text.Json;

namespace Orchestrator.Tools.Packaging.Publish;

/// <summary>
/// FC's runtime images do not promise libicu, and .NET loads it at start unless globalization is invariant:
/// a package without <c>InvariantGlobalization</c> would start here and die on FC.
/// </summary>
public static class GlobalizationCheck
{
    public static void Require(string publishFolder, string function)
    {
        var config = Path.Combine(publishFolder, PublishLayout.AppHostName(function) + ".runtimeconfig.json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(config));
        var invariant = document.RootElement.TryGetProperty("runtimeOptions", out var options)
            && options.TryGetProperty("configProperties", out var properties)
            && properties.TryGetProperty("System.Globalization.Invariant", out var value)
            && value.ValueKind == JsonValueKind.True;
        if (!invariant)
        {
            throw new PackagingException($"{function}: InvariantGlobalization is off, so the bootstrap needs libicu, which FC's runtime images do not promise; turn it on in the project");
        }
    }
}
