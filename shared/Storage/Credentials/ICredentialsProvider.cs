namespace Orchestrator.Storage.Credentials;

/// <summary>
/// Where the OSS client takes its credentials from. Asked before every request, so temporary credentials that
/// FC refreshes per invocation are always the current ones.
/// </summary>
public interface ICredentialsProvider
{
    /// <summary>The credentials to sign the next request with.</summary>
    ValueTask<OssCredentials> GetCredentialsAsync(CancellationToken cancellationToken);
}
