using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Orchestrator.Contracts.Settings;

/// <summary>
/// The settings several projects fall back on when their own section leaves a value unset, read in one place:
/// the job bucket (<c>ORCHESTRATOR_BUCKET</c>), the source buckets and the function's timeout, as s.yaml sets them.
/// </summary>
public static class SharedSettings
{
    /// <summary>The function timeout assumed when s.yaml does not say (<c>ORCHESTRATOR_FUNCTION_TIMEOUT_SECONDS</c>).</summary>
    public const int DefaultFunctionTimeoutSeconds = 600;

    /// <summary><paramref name="configured"/> when set, else <c>ORCHESTRATOR_BUCKET</c>, else empty (validation names it).</summary>
    public static string JobsBucket(this IConfiguration configuration, string? configured)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return (string.IsNullOrWhiteSpace(configured) ? configuration[SettingNames.Bucket] ?? string.Empty : configured).Trim();
    }

    /// <summary><paramref name="configured"/> when it lists any, else <c>ORCHESTRATOR_SOURCE_BUCKETS</c> (comma-separated).</summary>
    public static List<string> SourceBuckets(this IConfiguration configuration, List<string> configured)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(configured);
        return configured.Count > 0 || configuration[SettingNames.SourceBuckets] is not { } listed
            ? configured
            : [.. listed.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
    }

    /// <summary>
    /// The function's timeout from <c>ORCHESTRATOR_FUNCTION_TIMEOUT_SECONDS</c>, or null when unset or not a whole
    /// number (the host refuses such a value at start, naming it).
    /// </summary>
    public static TimeSpan? FunctionTimeout(this IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return int.TryParse(configuration[SettingNames.FunctionTimeoutSeconds], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : null;
    }
}
