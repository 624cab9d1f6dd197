using Orchestrator.Hosting;

namespace Orchestrator.Messaging.Mns;

/// <summary>Fixed credentials, for tools (the dev cloud's pumps, the CLI) that are handed them once.</summary>
public sealed class StaticCredentialsProvider(CloudCredentials credentials) : ICredentialsProvider
{
    public CloudCredentials GetCredentials() => credentials;
}
