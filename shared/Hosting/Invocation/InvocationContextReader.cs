using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Orchestrator.Contracts.Settings;
using Orchestrator.Hosting.Credentials;

namespace Orchestrator.Hosting.Invocation;

/// <summary>Builds an <see cref="InvocationContext"/> from FC's <c>x-fc-*</c> headers, falling back to FC's environment.</summary>
internal sealed class InvocationContextReader(IConfiguration configuration)
{
    public const string RequestIdHeader = "x-fc-request-id";

    public (InvocationContext Context, CredentialsOrigin Origin) Read(IHeaderDictionary headers, DateTimeOffset deadline)
    {
        var (credentials, origin) = CredentialsResolver.Resolve(headers, configuration);
        var memory = Header(headers, "x-fc-function-memory") ?? configuration[SettingNames.MemorySize];
        var context = new InvocationContext(
            RequestId: Header(headers, RequestIdHeader) ?? "local-" + Guid.NewGuid().ToString("N"),
            FunctionName: Header(headers, "x-fc-function-name") ?? configuration[SettingNames.FunctionName] ?? "",
            Region: Header(headers, "x-fc-region") ?? configuration[SettingNames.Region] ?? "",
            AccountId: Header(headers, "x-fc-account-id") ?? configuration[SettingNames.AccountId] ?? "",
            Qualifier: Header(headers, "x-fc-qualifier"),
            MemoryMb: int.TryParse(memory, NumberStyles.None, CultureInfo.InvariantCulture, out var mb) ? mb : null,
            Credentials: credentials,
            Deadline: deadline);
        return (context, origin);
    }

    private static string? Header(IHeaderDictionary headers, string name)
    {
        var value = headers[name].ToString();
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
