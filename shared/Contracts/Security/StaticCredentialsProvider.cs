namespace Orchestrator.Contracts.Security;

/// <summary>Always the same credentials: tools handed them once (the dev cloud, the CLI's demo), local servers, tests.</summary>
public sealed class StaticCredentialsProvider(CloudCredentials credentials) : ICredentialsProvider
{
    public ValueTask<CloudCredentials> GetCredentialsAsync(CancellationToken cancellationToken) => ValueTask.FromResult(credentials);
}
