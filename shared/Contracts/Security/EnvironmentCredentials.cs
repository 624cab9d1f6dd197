namespace Orchestrator.Contracts.Security;

/// <summary>
/// The one reader of the <c>ALIBABA_CLOUD_*</c> credential variables (FC's custom.debian11 runtime and later, and
/// every tool).
/// </summary>
public static class EnvironmentCredentials
{
    public const string AccessKeyIdVariable = "ALIBABA_CLOUD_ACCESS_KEY_ID";
    public const string AccessKeySecretVariable = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
    public const string SecurityTokenVariable = "ALIBABA_CLOUD_SECURITY_TOKEN";

    /// <summary>What a caller sees when neither an invocation nor the environment carries credentials.</summary>
    public const string MissingCode = "CredentialsMissing";

    /// <summary>The credentials in the process environment, or null when the key id or secret is missing.</summary>
    public static CloudCredentials? Read() => Read(Environment.GetEnvironmentVariable);

    /// <summary>The credentials under the variable names in <paramref name="variables"/> (the environment, a configuration).</summary>
    public static CloudCredentials? Read(Func<string, string?> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return CloudCredentials.FromParts(variables(AccessKeyIdVariable), variables(AccessKeySecretVariable), variables(SecurityTokenVariable));
    }

    /// <summary>The error for no credentials at all, naming where they were looked for (FC headers, then these variables).</summary>
    public static Errors.OrchestratorException Missing() => new(
        MissingCode,
        $"No cloud credentials: neither the invocation's x-fc-* headers nor {AccessKeyIdVariable}/{AccessKeySecretVariable} carry any.",
        retryable: false);
}
