namespace Orchestrator.Hosting;

/// <summary>
/// The credentials to sign cloud requests with right now: those of the invocation in progress (FC's headers, else
/// the environment), or the environment's outside an invocation. Singletons (an OSS client) ask per request,
/// because FC rotates STS credentials between invocations.
/// </summary>
public interface ICloudCredentialsSource
{
    /// <summary>The current credentials, or null when neither the invocation nor the environment has any.</summary>
    CloudCredentials? Current { get; }
}
