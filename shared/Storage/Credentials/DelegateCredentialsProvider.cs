namespace Orchestrator.Storage.Credentials;

/// <summary>
/// Asks a delegate for every request: a function hands in FC's per-invocation credentials
/// (e.g. <c>() =&gt; current invocation's CloudCredentials</c>) without the client knowing about FC.
/// </summary>
public sealed class DelegateCredentialsProvider(Func<CancellationToken, ValueTask<OssCredentials>> source) : ICredentialsProvider
{
    /// <summary>For a synchronous source, such as a field the invocation handler updates.</summary>
    public DelegateCredentialsProvider(Func<OssCredentials> source)
        : this(_ => ValueTask.FromResult(source()))
    {
    }

    public ValueTask<OssCredentials> GetCredentialsAsync(CancellationToken cancellationToken) => source(cancellationToken);
}
