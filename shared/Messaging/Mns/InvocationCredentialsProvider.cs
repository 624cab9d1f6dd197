using Orchestrator.Contracts.Errors;
using Orchestrator.Hosting;

namespace Orchestrator.Messaging.Mns;

/// <summary>
/// FC's credentials: those of the invocation being dispatched (its <see cref="InvocationContext.Credentials"/>, set by
/// the invocation handler) when there are any, else the host's <see cref="ICloudCredentialsSource"/>, else (no host,
/// e.g. a tool) <c>ALIBABA_CLOUD_ACCESS_KEY_ID</c> / <c>_SECRET</c> / <c>ALIBABA_CLOUD_SECURITY_TOKEN</c>, read at
/// each call because FC refreshes them.
/// </summary>
public sealed class InvocationCredentialsProvider(ICloudCredentialsSource? host = null) : ICredentialsProvider
{
    private static readonly AsyncLocal<CloudCredentials?> Current = new();

    /// <summary>Makes <paramref name="credentials"/> the ones used by the calling flow until the scope is disposed.</summary>
    public static IDisposable Use(CloudCredentials? credentials)
    {
        var previous = Current.Value;
        Current.Value = credentials;
        return new Restore(previous);
    }

    public CloudCredentials GetCredentials()
    {
        if ((Current.Value ?? host?.Current) is { } known)
        {
            return known;
        }

        var id = Environment.GetEnvironmentVariable("ALIBABA_CLOUD_ACCESS_KEY_ID");
        var secret = Environment.GetEnvironmentVariable("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
        if (host is not null || string.IsNullOrEmpty(id) || string.IsNullOrEmpty(secret))
        {
            throw new OrchestratorException(
                "CredentialsMissing",
                "No credentials for MNS: neither the invocation's headers nor ALIBABA_CLOUD_ACCESS_KEY_ID/ALIBABA_CLOUD_ACCESS_KEY_SECRET carry any.",
                retryable: false);
        }

        var token = Environment.GetEnvironmentVariable("ALIBABA_CLOUD_SECURITY_TOKEN");
        return new CloudCredentials(id, secret, string.IsNullOrEmpty(token) ? null : token);
    }

    private sealed class Restore(CloudCredentials? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
