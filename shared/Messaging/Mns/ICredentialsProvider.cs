using Orchestrator.Hosting;

namespace Orchestrator.Messaging.Mns;

/// <summary>Where the MNS client takes the credentials for its next request (they rotate: STS tokens expire).</summary>
public interface ICredentialsProvider
{
    /// <summary>The credentials to sign with now.</summary>
    /// <exception cref="Contracts.Errors.OrchestratorException"><c>CredentialsMissing</c> when there are none.</exception>
    CloudCredentials GetCredentials();
}
