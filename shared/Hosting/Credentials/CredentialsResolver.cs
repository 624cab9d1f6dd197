using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Orchestrator.Contracts.Security;

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
        EnvironmentCredentials.Read(name => configuration[name]);

    private static CloudCredentials? Create(string? id, string? secret, string? token) => CloudCredentials.FromParts(id, secret, token);
}
