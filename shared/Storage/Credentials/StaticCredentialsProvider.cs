namespace Orchestrator.Storage.Credentials;

/// <summary>Always the same credentials (tests, the local server, long-lived keys).</summary>
public sealed class StaticCredentialsProvider(OssCredentials credentials) : ICredentialsProvider
{
    public ValueTask<OssCredentials> GetCredentialsAsync(CancellationToken cancellationToken) => ValueTask.FromResult(credentials);
}
