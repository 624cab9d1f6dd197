namespace Orchestrator.Contracts.Security;

/// <summary>
/// Where a cloud client (OSS, MNS, CDN) takes the credentials for its next request. Asked before every request,
/// because FC rotates STS credentials between invocations.
/// </summary>
public interface ICredentialsProvider
{
    /// <summary>The credentials to sign the next request with.</summary>
    /// <exception cref="Errors.OrchestratorException"><c>CredentialsMissing</c> when there are none.</exception>
    ValueTask<CloudCredentials> GetCredentialsAsync(CancellationToken cancellationToken);
}
