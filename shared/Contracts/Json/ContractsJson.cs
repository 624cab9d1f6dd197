using System.Text.Json;

namespace Orchestrator.Contracts.Json;

/// <summary>Shared <see cref="JsonSerializerOptions"/> over <see cref="ContractsJsonContext"/>, for callers that need options.</summary>
public static class ContractsJson
{
    /// <summary>Read-only options whose type info comes from the source-generated context.</summary>
    public static JsonSerializerOptions Options => ContractsJsonContext.Default.Options;
}
