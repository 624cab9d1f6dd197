using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestrator.Contracts.Security;
using Orchestrator.Hosting.Options;
using Orchestrator.Storage;
using Orchestrator.Storage.Oss;

namespace Orchestrator.FunctionDefaults;

/// <summary>
/// What every function needs beyond the runtime host: the OSS client, signing each request with the credentials of
/// the invocation in progress (FC rotates STS credentials between invocations), pointed at <c>OSS_ENDPOINT</c> in
/// <c>FC_REGION</c>. The same lines serve the cloud and the local dev cloud; only the endpoint differs.
/// </summary>
public static class ObjectStoreServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IObjectStore"/> as a singleton <see cref="OssClient"/>; fails at start without an endpoint.</summary>
    public static IServiceCollection AddObjectStore(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new OssClientOptionsTemplate(
            configuration[SettingNames.OssEndpoint] ?? string.Empty,
            configuration[SettingNames.Region] is { Length: > 0 } region ? region : "cn-hangzhou");
        if (options.Endpoint.Length == 0)
        {
            throw new InvalidOperationException($"Setting {SettingNames.OssEndpoint} is required: the OSS endpoint, e.g. https://oss-cn-hangzhou-internal.aliyuncs.com.");
        }

        // The host registers its per-invocation credentials (ICloudCredentialsSource) as the ICredentialsProvider.
        services.AddSingleton<IObjectStore>(provider => new OssClient(
            new OssClientOptions { Endpoint = options.Endpoint, Region = options.Region, Credentials = provider.GetRequiredService<ICredentialsProvider>() },
            provider.GetRequiredService<ILogger<OssClient>>()));
        return services;
    }

    private sealed record OssClientOptionsTemplate(string Endpoint, string Region);
}
