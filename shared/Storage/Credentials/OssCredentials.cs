namespace Orchestrator.Storage.Credentials;

/// <summary>
/// An access key pair for OSS, with an STS security token when the key is temporary (as FC hands them out).
/// <see cref="ToString"/> redacts, so a credential never reaches a log line by accident.
/// </summary>
public sealed record OssCredentials(string AccessKeyId, string AccessKeySecret, string? SecurityToken = null)
{
    public override string ToString() =>
        "OssCredentials { AccessKeyId = " + (AccessKeyId.Length <= 4 ? "***" : AccessKeyId[..4] + "***")
        + ", AccessKeySecret = ***, SecurityToken = " + (string.IsNullOrEmpty(SecurityToken) ? "none" : "***") + " }";
}
