using System.CommandLine;
using Orchestrator.Cli.Settings;
using Orchestrator.Contracts.Security;
using Orchestrator.Storage;
using Orchestrator.Storage.Oss;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// How a command reaches OSS: <c>--oss-endpoint</c> (env <c>OSS_ENDPOINT</c>) and <c>--region</c> (env <c>FC_REGION</c>,
/// default cn-hangzhou); credentials from <c>ALIBABA_CLOUD_ACCESS_KEY_ID</c>/<c>_SECRET</c>/<c>ALIBABA_CLOUD_SECURITY_TOKEN</c>;
/// each else from the profile (<see cref="ConnectionSettings"/>).
/// </summary>
internal sealed class OssConnectionOptions
{
    public const string EndpointVariable = "OSS_ENDPOINT";
    public const string RegionVariable = "FC_REGION";
    public const string DefaultRegion = "cn-hangzhou";

    public Option<string?> Endpoint { get; } = new("--oss-endpoint")
    {
        Description = $"OSS endpoint, e.g. oss-cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000 (else env {EndpointVariable})",
        Recursive = true,
    };

    public Option<string?> Region { get; } = new("--region")
    {
        Description = $"region the signature is scoped to (else env {RegionVariable}, else {DefaultRegion})",
        Recursive = true,
    };

    /// <summary>The region this run signs for: --region, else the environment, else the default.</summary>
    public string RegionValue(ConnectionSettings settings) => settings.Get(Region, RegionVariable, "region") ?? DefaultRegion;

    /// <summary>A client for the parsed endpoint and region.</summary>
    /// <exception cref="ArgumentException">No endpoint, or no credentials in the environment.</exception>
    public OssClient Connect(ConnectionSettings settings)
    {
        var address = settings.Get(Endpoint, EndpointVariable, "ossEndpoint");
        if (string.IsNullOrWhiteSpace(address))
        {
            throw new ArgumentException($"no OSS endpoint: pass --oss-endpoint, set {EndpointVariable}, or start `orchestrator devcloud up` (it writes the profile)");
        }

        // Checked up front so a missing variable is a clear error before any request is made.
        if (settings.Credentials() is not { } credentials)
        {
            throw new ObjectStoreException(
                "MissingCredentials",
                $"OSS credentials are not set: define {EnvironmentCredentials.AccessKeyIdVariable} and {EnvironmentCredentials.AccessKeySecretVariable} (and {EnvironmentCredentials.SecurityTokenVariable} for STS), or use a profile that holds them.",
                0,
                requestId: null,
                retryable: false);
        }

        return new OssClient(new OssClientOptions
        {
            Endpoint = address,
            Region = RegionValue(settings),
            Credentials = new StaticCredentialsProvider(credentials),
        });
    }
}
