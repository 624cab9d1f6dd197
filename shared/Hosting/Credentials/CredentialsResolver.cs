using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Orchestrator.Hosting.Options;

namespace Orchestrator.Hosting.Credentials;

/// <summary>
/// FC's credential rule: the <c>x-fc-access-key-*</c> headers when present (older runtimes), else the
/// <c>ALIBABA_CLOUD_*</c> environment variables (custom.debian11 and later).
/// </summary>
internal static class CredentialsResolver
{
    public const string AccessKeyIdHeader = "x-fc-access-key-id";
    public const string AccessKeySecretHeader = "x-fc-access-key-secret";
    public const string SecurityTokenHeader = "x-fc-security-token";

    public static (CloudCredentials? Credentials, CredentialsOrigin Origin) Resolve(IHeaderDictionary headers, IConfiguration configuration)
    {
        var fromHeaders = Create(headers[AccessKeyIdHeader], headers[AccessKeySecretHeader], headers[SecurityTokenHeader]);
        if (fromHeaders is not null)
        {
            return (fromHeaders, CredentialsOrigin.Headers);
        }

        var fromEnvironment = FromEnvironment(configuration);
        return (fromEnvironment, fromEnvironment is null ? CredentialsOrigin.None : CredentialsOrigin.Environment);
    }

    public static CloudCredentials? FromEnvironment(IConfiguration configuration) =>
        Create(configuration[SettingNames.AccessKeyId], configuration[SettingNames.AccessKeySecret], configuration[SettingNames.SecurityToken]);

    // A key id without its secret is no credential at all: fall through rather than sign with half of one.
    private static CloudCredentials? Create(string? id, string? secret, string? token) =>
        string.IsNullOrEmpty(id) || string.IsNullOrEmpty(secret)
            ? null
            : new CloudCredentials(id, secret, string.IsNullOrEmpty(token) ? null : token);
}
