using Orchestrator.Contracts.Settings;

namespace Orchestrator.Messaging.Results;

/// <summary>
/// Where a stage stores its results: the coordinator's bucket, because the coordinator is who reads them. Bound from
/// the coordinator's own section (<c>Coordinator:Bucket</c>), else <c>ORCHESTRATOR_BUCKET</c>, as the coordinator
/// resolves it.
/// </summary>
public sealed class StageResultSettings : ISettings
{
    public const string SectionName = "Coordinator";

    public string Bucket { get; set; } = string.Empty;

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Bucket))
        {
            throw new InvalidSettingException(
                SettingNames.Bucket,
                $"{SettingNames.Bucket} is not set: set it (or {SectionName}:Bucket) to the bucket holding the jobs; a stage stores its result there before it reports.");
        }
    }
}
