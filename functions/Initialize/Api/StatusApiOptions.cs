using Orchestrator.Contracts.Settings;

namespace Orchestrator.Functions.Initialize.Api;

/// <summary>
/// Settings of the status API, from configuration (FC environment variables set by s.yaml, never the repo).
/// Without an ops token every POST is refused: the ops commands are never open.
/// </summary>
internal sealed class StatusApiOptions
{
    /// <summary>The coordinator's own setting for the same bucket; it wins, so both always read one bucket.</summary>
    public const string CoordinatorBucketSetting = "Coordinator:Bucket";
    public const string OpsTokenSetting = "ORCHESTRATOR_OPS_TOKEN";
    public const string ReadTokenSetting = "ORCHESTRATOR_READ_TOKEN";

    public required string Bucket { get; init; }

    /// <summary>Required for every POST; null disables the ops commands.</summary>
    public AccessToken? OpsToken { get; init; }

    /// <summary>When set, GET routes (except the page and the health check) need it, or the ops token.</summary>
    public AccessToken? ReadToken { get; init; }

    public static StatusApiOptions FromConfiguration(IConfiguration configuration)
    {
        var bucket = configuration.JobsBucket(configuration[CoordinatorBucketSetting]);
        if (bucket.Length == 0)
        {
            throw new InvalidSettingException(
                SettingNames.Bucket,
                $"{SettingNames.Bucket} (or {CoordinatorBucketSetting}) is not set: the status API needs the bucket that holds the jobs (s.yaml environment variables).");
        }

        return new StatusApiOptions
        {
            Bucket = bucket,
            OpsToken = AccessToken.FromSetting(configuration[OpsTokenSetting]),
            ReadToken = AccessToken.FromSetting(configuration[ReadTokenSetting]),
        };
    }
}
