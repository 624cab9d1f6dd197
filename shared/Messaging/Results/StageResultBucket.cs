using Microsoft.Extensions.Configuration;
using Orchestrator.Hosting.Options;

namespace Orchestrator.Messaging.Results;

/// <summary>Where a stage function stores its results (<see cref="Storage.Results.StageResultStore"/>): the coordinator's bucket.</summary>
public static class StageResultBucket
{
    /// <summary>
    /// The bucket stage results go to: the coordinator's (<c>Coordinator:Bucket</c>, else <c>ORCHESTRATOR_BUCKET</c>, the
    /// same resolution the coordinator's own settings use), because the coordinator is who reads them.
    /// </summary>
    /// <exception cref="InvalidOperationException">Neither setting is there.</exception>
    public static string From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration["Coordinator:Bucket"] is { Length: > 0 } coordinator ? coordinator
            : configuration[SettingNames.Bucket] is { Length: > 0 } bucket ? bucket
            : throw new InvalidOperationException($"Setting {SettingNames.Bucket} (or Coordinator:Bucket) is required: a stage stores its result in the coordinator's bucket before it reports.");
    }
}
