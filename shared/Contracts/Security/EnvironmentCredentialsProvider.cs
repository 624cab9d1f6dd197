namespace Orchestrator.Contracts.Security;

/// <summary>
/// The process environment's credentials (<see cref="EnvironmentCredentials"/>), read at every request so a refreshed
/// environment is picked up; for tools and for code running outside a function host.
/// </summary>
public sealed class EnvironmentCredentialsProvider : ICredentialsProvider
{
    public ValueTask<CloudCredentials> GetCredentialsAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(EnvironmentCredentials.Read() ?? throw EnvironmentCredentials.Missing());
}
