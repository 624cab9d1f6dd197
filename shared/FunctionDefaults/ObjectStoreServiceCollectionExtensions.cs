using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestrator.Contracts.Security;
using Orchestrator.Contracts.Settings;
using Orchestrator.Storage;
using Orchestrator.Storage.Oss;

namespace Orchestrator.FunctionDefaults;

/// <summary>
/// What every function needs beyond the runtime host: the OSS client, signing each request with the credentials of
/// the invocation in progress (FC rotates STS credentials between invocations), pointed at <see cref="OssSettings"/>
/// (<c>OSS_ENDPOINT</c>, else <c>FC_REGION</c>'s internal endpoint). The same lines serve the cloud and the local dev
/// cloud; only the endpoint differs.
/// </summary>
public static class ObjectStoreServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IObjectStore"/> as a singleton <see cref="OssClient"/>; its settings are checked at start.</summary>
    public static IServiceCollection AddObjectStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<OssSettings>(configuration, OssSettings.SectionName, settings => settings.ApplyDefaults(configuration));

        // The host registers its per-invocation credentials (ICloudCredentialsSource) as the ICredentialsProvider.
        services.AddSingleton<IObjectStore>(provider =>
        {
            var settings = provider.GetRequiredService<OssSettings>();
            return new OssClient(
                new OssClientOptions { Endpoint = settings.Endpoint, Region = settings.Region, Credentials = provider.GetRequiredService<ICredentialsProvider>() },
                provider.GetRequiredService<ILogger<OssClient>>());
        });
        return services;
    }
}
