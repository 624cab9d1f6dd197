namespace Orchestrator.Storage.Credentials;

/// <summary>
/// Reads <c>ALIBABA_CLOUD_ACCESS_KEY_ID</c>, <c>ALIBABA_CLOUD_ACCESS_KEY_SECRET</c> and (optional)
/// <c>ALIBABA_CLOUD_SECURITY_TOKEN</c> on every request, so a refreshed environment is picked up.
/// </summary>
public sealed class EnvironmentCredentialsProvider : ICredentialsProvider
{
    public const string AccessKeyIdVariable = "ALIBABA_CLOUD_ACCESS_KEY_ID";
    public const string AccessKeySecretVariable = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
    public const string SecurityTokenVariable = "ALIBABA_CLOUD_SECURITY_TOKEN";

    public ValueTask<OssCredentials> GetCredentialsAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Read());

    /// <summary>The environment's credentials; a missing variable is a clear <see cref="ObjectStoreException"/>.</summary>
    public static OssCredentials Read()
    {
        var id = Environment.GetEnvironmentVariable(AccessKeyIdVariable);
        var secret = Environment.GetEnvironmentVariable(AccessKeySecretVariable);
        if (string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(secret))
        {
            throw new ObjectStoreException(
                "MissingCredentials",
                $"OSS credentials are not set: define {AccessKeyIdVariable} and {AccessKeySecretVariable} (and {SecurityTokenVariable} for STS).",
                0,
                requestId: null,
                retryable: false);
        }

        var token = Environment.GetEnvironmentVariable(SecurityTokenVariable);
        return new OssCredentials(id.Trim(), secret.Trim(), string.IsNullOrWhiteSpace(token) ? null : token.Trim());
    }
}
