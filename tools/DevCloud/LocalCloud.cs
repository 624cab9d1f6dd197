using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Orchestrator.Contracts.Security;
using Orchestrator.Tools.DevCloud.Config;
using Orchestrator.Tools.DevCloud.EventBridge;
using Orchestrator.Tools.DevCloud.Fc;
using Orchestrator.Tools.DevCloud.Gateway;
using Orchestrator.Tools.DevCloud.Mns;
using Orchestrator.Tools.OssServer.Hosting;

namespace Orchestrator.Tools.DevCloud;

/// <summary>
/// The local cloud, running: the OSS and MNS stand-ins, a pool of FC instances per function of s.yaml (scaled out
/// under concurrent invocations, up to a cap), and the triggers that link them (OSS notifications, EventBridge queue
/// pumps, the HTTP gateway, timers). Dispose to stop it all (instances get <c>/pre-stop</c>).
/// </summary>
public sealed partial class LocalCloud : IAsyncDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Task> background = [];
    private readonly List<FunctionPool> pools = [];
    private LocalOssServer? oss;
    private LocalMnsServer? mns;
    private HttpGateway? gateway;

    private LocalCloud(DevCloudOptions options, ILoggerFactory loggerFactory)
    {
        Options = options;
        LoggerFactory = loggerFactory;
        Credentials = new CloudCredentials(
            "LTAI" + Token(16),
            Token(30),
            "STS." + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        OperatorCredentials = new CloudCredentials("LTAI" + Token(16), Token(30));
        AccountId = "1" + RandomNumberGenerator.GetString("0123456789", 15);
        OpsToken = Token(32);
    }

    public DevCloudOptions Options { get; }

    /// <summary>This run's STS-style credentials: what every function gets from FC, and what MNS accepts.</summary>
    public CloudCredentials Credentials { get; }

    /// <summary>An operator's long-term key pair (no token) that OSS also accepts: for the CLI, the demo, the ready file.</summary>
    public CloudCredentials OperatorCredentials { get; }

    public string AccountId { get; }

    /// <summary>The ops token for the status API's POST routes (ORCHESTRATOR_OPS_TOKEN of Initialize).</summary>
    public string OpsToken { get; }

    public string Bucket => Options.Bucket;

    public string Region { get; private set; } = "cn-hangzhou";

    public Uri OssEndpoint => oss!.Endpoint;

    public Uri MnsEndpoint => mns!.Endpoint;

    /// <summary>The HTTP trigger's base address, or null when no function has one.</summary>
    public Uri? ApiBase => gateway?.BaseAddress;

    public LocalOssServer Oss => oss!;

    public LocalMnsServer Mns => mns!;

    public ServerlessProject Project { get; private set; } = null!;

    /// <summary>Each function's instances, in s.yaml's order.</summary>
    public IReadOnlyList<FunctionPool> Pools => pools;

    /// <summary>Redeliveries and dead letters of every trigger so far.</summary>
    public DeliveryCounters Deliveries { get; } = new();

    private ILoggerFactory LoggerFactory { get; }

    public FunctionPool Pool(string resourceOrFunctionName) =>
        pools.First(p => p.Function.ResourceName == resourceOrFunctionName || p.Function.FunctionName == resourceOrFunctionName);

    /// <summary>Where the dev cloud serves a published site (the OSS server's static-website path).</summary>
    public Uri SiteUrl(string site) => oss!.WebsiteUrl(Bucket, "sites/" + site + "/");

    /// <summary>
    /// The site at its own origin, <c>http://&lt;site&gt;.localhost:P/</c>, served by its routing as its own domain serves
    /// it in the cloud: absolute asset paths (<c>/assets/…</c>, <c>/_next/…</c>) work there, unlike under <see cref="SiteUrl"/>.
    /// </summary>
    public Uri SiteOrigin(string site) => oss!.SiteOrigin(site);

    /// <summary>What --ready-file holds (CONTRACT §2).</summary>
    public JsonObject ReadyDocument() => new()
    {
        ["ossEndpoint"] = OssEndpoint.ToString().TrimEnd('/'),
        ["apiBase"] = ApiBase?.ToString().TrimEnd('/'),
        ["mnsEndpoint"] = MnsEndpoint.ToString().TrimEnd('/'),
        ["bucket"] = Bucket,
        ["region"] = Region,
        ["accessKeyId"] = OperatorCredentials.AccessKeyId,
        ["accessKeySecret"] = OperatorCredentials.AccessKeySecret,
        ["token"] = OpsToken,
    };

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await Task.WhenAll(background).WaitAsync(TimeSpan.FromSeconds(15), CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
        if (gateway is not null)
        {
            await gateway.DisposeAsync();
        }

        await Task.WhenAll(pools.Select(p => p.DisposeAsync().AsTask()));
        if (mns is not null)
        {
            await mns.DisposeAsync();
        }

        if (oss is not null)
        {
            await oss.DisposeAsync();
        }

        stopping.Dispose();
    }

    private static string Token(int length) =>
        RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", length);
}
