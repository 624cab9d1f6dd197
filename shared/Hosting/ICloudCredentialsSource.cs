using Orchestrator.Contracts.Security;

namespace Orchestrator.Hosting;

/// <summary>
/// The credentials to sign cloud requests with right now: those of the invocation in progress (FC's headers, else
/// the environment), or the environment's outside an invocation. Singletons (the OSS and MNS clients) ask per
/// request through <see cref="ICredentialsProvider"/>, because FC rotates STS credentials between invocations; the
/// host registers this same object as the function's <see cref="ICredentialsProvider"/>.
/// </summary>
public interface ICloudCredentialsSource : ICredentialsProvider
{
    /// <summary>The current credentials, or null when neither the invocation nor the environment has any.</summary>
    CloudCredentials? Current { get; }
}
