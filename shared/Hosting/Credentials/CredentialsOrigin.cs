namespace Orchestrator.Hosting.Credentials;

/// <summary>Where an invocation's credentials came from; logged instead of the credentials themselves.</summary>
public enum CredentialsOrigin
{
    None,
    Headers,
    Environment,
}
