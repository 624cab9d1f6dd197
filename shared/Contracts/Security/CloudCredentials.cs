namespace Orchestrator.Contracts.Security;

/// <summary>
/// Alibaba Cloud credentials for signing OSS, MNS and CDN requests (an STS token when <see cref="SecurityToken"/> is
/// set, as FC hands them out). <see cref="ToString"/> redacts, so a credential can never reach a log line by accident.
/// </summary>
public sealed record CloudCredentials(string AccessKeyId, string AccessKeySecret, string? SecurityToken = null)
{
    public override string ToString() =>
        "CloudCredentials { AccessKeyId = " + Mask(AccessKeyId) + ", AccessKeySecret = ***, SecurityToken = "
        + (string.IsNullOrEmpty(SecurityToken) ? "none" : "***") + " }";

    /// <summary>
    /// Credentials from their parts as FC hands them over (headers or environment variables), or null when the key id
    /// or secret is missing: a key id without its secret is no credential at all, so callers fall through rather
    /// than sign with half of one. An empty token means none.
    /// </summary>
    public static CloudCredentials? FromParts(string? accessKeyId, string? accessKeySecret, string? securityToken) =>
        string.IsNullOrWhiteSpace(accessKeyId) || string.IsNullOrWhiteSpace(accessKeySecret)
            ? null
            : new CloudCredentials(accessKeyId.Trim(), accessKeySecret.Trim(), string.IsNullOrWhiteSpace(securityToken) ? null : securityToken.Trim());

    private static string Mask(string value) => value.Length <= 4 ? "***" : value[..4] + "***";
}
