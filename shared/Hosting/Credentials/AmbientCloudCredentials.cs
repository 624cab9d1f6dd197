using Microsoft.Extensions.Configuration;
using Orchestrator.Contracts.Security;

namespace Orchestrator.Hosting.Credentials;

/// <summary>
/// <see cref="ICloudCredentialsSource"/> over an async-local slot the host fills for each request, so code running
/// inside an invocation sees that invocation's credentials and everything else sees the environment's.
/// </summary>
internal sealed class AmbientCloudCredentials(IConfiguration configuration) : ICloudCredentialsSource
{
    private static readonly AsyncLocal<CloudCredentials?> CurrentInvocation = new();

    public CloudCredentials? Current => CurrentInvocation.Value ?? CredentialsResolver.FromEnvironment(configuration);

    public ValueTask<CloudCredentials> GetCredentialsAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(Current ?? throw EnvironmentCredentials.Missing());

    /// <summary>Sets the credentials for the rest of the calling async flow (one request).</summary>
    public static void SetForCurrentRequest(CloudCredentials? credentials) => CurrentInvocation.Value = credentials;
}
