namespace Orchestrator.Contracts.Security;

/// <summary>Asks a delegate for every request, for a source that changes under the client (a field a caller updates).</summary>
public sealed class DelegateCredentialsProvider(Func<CancellationToken, ValueTask<CloudCredentials>> source) : ICredentialsProvider
{
    /// <summary>For a synchronous source.</summary>
    public DelegateCredentialsProvider(Func<CloudCredentials> source)
        : this(_ => ValueTask.FromResult(source()))
    {
    }

    public ValueTask<CloudCredentials> GetCredentialsAsync(CancellationToken cancellationToken) => source(cancellationToken);
}
