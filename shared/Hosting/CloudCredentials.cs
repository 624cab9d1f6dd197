namespace Orchestrator.Hosting;

/// <summary>
/// Alibaba Cloud credentials (an STS token when <see cref="SecurityToken"/> is set). <see cref="ToString"/>
/// redacts, so a credential can never reach a log line by accident.
/// </summary>
public sealed record CloudCredentials(string AccessKeyId, string AccessKeySecret, string? SecurityToken)
{
    public override string ToString() => "CloudCredentials { AccessKeyId = " + Mask(AccessKeyId) + ", AccessKeySecret = ***, SecurityToken = " + (SecurityToken is null ? "none" : "***") + " }";

    private static string Mask(string value) => value.Length <= 4 ? "***" : value[..4] + "***";
}
